import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../auth/user.js';
import type { AuditAction } from './audit.service.js';

/** What a spec's functions see: the request's parts, and the handler's answer or its error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec that names no answer type reads it as the handler returns it
export interface AuditContext<Answer = any> {
  user: SessionUser;
  params: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON body as sent (the handler's DTO validated it)
  body: any;
  /** Filled by the handler through `@AuditNote()` with what only it knows (rows served, the row it replaced …). */
  note: Record<string, unknown>;
  answer?: Answer;
  error?: Error;
}

type FromContext<T, Answer> = (c: AuditContext<Answer>) => T;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as AuditContext
export interface AuditSpec<Answer = any> {
  action: AuditAction | FromContext<AuditAction, Answer>;
  target?: FromContext<string, Answer>;
  /** The result column on success (default `succeeded`). */
  result?: FromContext<string, Answer>;
  detail?: FromContext<Record<string, unknown>, Answer>;
  /**
   * Reads that are always on record (office lists and their exports): written before the answer leaves, and
   * the answer refused (503) when the record cannot be written.
   */
  orRefuse?: boolean;
  /** Refused attempts go on record too, with this result and detail (not recorded when absent). */
  refused?: { result: 'rejected' | 'refused'; target?: FromContext<string, Answer>; detail?: FromContext<Record<string, unknown>, Answer> };
}

export const AUDITED = 'audited';

/** The handler's outcome goes into the audit log as the spec says (AuditInterceptor writes it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as AuditContext
export const Audited = <Answer = any>(spec: AuditSpec<Answer>) => SetMetadata(AUDITED, spec);

export type AuditedRequest = FastifyRequest & { user?: SessionUser; auditNote?: Record<string, unknown> };

/** The audit note of this request, for a handler to add what its spec's detail needs. */
export const AuditNote = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const req = context.switchToHttp().getRequest<AuditedRequest>();
  req.auditNote ??= {};
  return req.auditNote;
});
