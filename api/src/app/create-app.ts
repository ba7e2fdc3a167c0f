import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../core/config/app-config.js';
import { AppModule, DASHBOARD_DIST } from './app.module.js';
import { serveDashboard } from '../core/http/static-assets.js';
import { recordRoutes } from '../core/http/served-routes.js';
import { BootstrapService } from './bootstrap.service.js';
import { AllExceptionsFilter } from '../core/http/all-exceptions.filter.js';
import { globalValidation } from '../core/http/validation.js';
import { noStore, rejectNulInBody, requestGuard, warnOnUntrustedProxy } from '../core/http/request-guard.js';
import { uploadLimits } from '../imports/multipart-files.interceptor.js';
import { authErrors } from '../auth/auth.errors.js';
import type { DatabaseKind } from '../core/config/database-kind.js';
import type { DatabaseState } from '../core/database/database-state.js';

/** JSON bodies larger than this are refused (413); uploads have their own limit (MAX_UPLOAD_MB). */
const JSON_BODY_LIMIT = 100 * 1024;

/** Builds the whole application (used by main.ts and by the integration and e2e tests). */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  databaseKind: DatabaseKind,
  databaseState?: DatabaseState,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Behind a reverse proxy, the client's address (rate limits, audit) comes from X-Forwarded-For.
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: JSON_BODY_LIMIT,
    // Idle keep-alive sockets stay open longer than clients and balancers keep theirs (Node's 5 s default
    // closed sockets a client was reusing at that moment: an ECONNRESET for the request sent on it).
    keepAliveTimeout: 65_000,
    // Node's default: a request takes at most 5 minutes (a large upload on a slow line fits).
    requestTimeout: 300_000,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, databaseKind, 'server', databaseState),
    adapter,
    { logger: config.logLevel === 'error' ? ['error'] : ['error', 'warn', 'log'] },
  );
  app.getHttpServer().headersTimeout = 66_000;
  const fastify = app.getHttpAdapter().getInstance();
  recordRoutes(fastify);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  fastify.addHook('onRequest', requestGuard({ behindProxy: config.trustProxy !== false }));
  if (config.trustProxy === false)
    fastify.addHook(
      'onRequest',
      warnOnUntrustedProxy((line) => new Logger('Proxy').warn(line)),
    );
  fastify.addHook('onRequest', noStore(['/api/v1/auth', '/api/v1/admin']));
  fastify.addHook('preValidation', rejectNulInBody);
  await app.register(fastifyCookie);
  // Uploads stream to disk (imports/multipart-files.interceptor.ts); these bound what one request may hold.
  await app.register(fastifyMultipart, { limits: uploadLimits(config.maxUploadBytes) });
  // Password guessing: LOGIN_RATE_LIMIT sign-in attempts per minute per address, on the routes that ask for it
  // with @RouteConfig({ rateLimit: {} }) (the sign-in; per account: AuthService).
  await app.register(fastifyRateLimit, {
    global: false,
    max: config.loginRateLimit,
    timeWindow: 60_000,
    errorResponseBuilder: () => authErrors.tooManySignIns(),
  });
  serveDashboard(fastify, DASHBOARD_DIST);
  app.useGlobalPipes(globalValidation());
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('介護DX ロールアウト API').setDescription('Kaigo DX rollout dashboard API').setVersion('1').build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  await app.init();
  await fastify.ready();
  await app.get(BootstrapService).prepare();
  return app;
}

/** TRUST_PROXY as Fastify takes it: a number of hops becomes "trust the first n" (what Express did with a number). */
function trustedProxies(setting: AppConfig['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}
