import type { FastifyInstance } from 'fastify';

const ROUTES = new WeakMap<object, string[]>();

/** Notes every route the server adds ("GET /api/v1/…"; HEAD twins left out), for servedRoutes. */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: string[] = [];
  ROUTES.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
}

/** The routes a server serves (the access matrix checks that each has an expectation for every role). */
export const servedRoutes = (fastify: FastifyInstance): string[] => [...(ROUTES.get(fastify) ?? [])];
