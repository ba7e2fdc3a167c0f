import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { warnOnUntrustedProxy } from './request-guard.js';

describe('a proxy in front without TRUST_PROXY', () => {
  it('is said once in the log, at the first forwarded request, and every request goes on', () => {
    const lines: string[] = [];
    const warn = warnOnUntrustedProxy((line) => lines.push(line));
    let passed = 0;
    const next = (() => void passed++) as HookHandlerDoneFunction;
    const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
    warn(request({}), {} as FastifyReply, next);
    expect(lines).toEqual([]);
    warn(request({ 'x-forwarded-for': '203.0.113.7' }), {} as FastifyReply, next);
    warn(request({ 'x-forwarded-for': '203.0.113.8' }), {} as FastifyReply, next);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TRUST_PROXY is false: every client shares one sign-in rate limit/);
    expect(passed).toBe(3);
  });
});
