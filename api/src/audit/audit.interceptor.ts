import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { AUDITED, type AuditContext, type AuditedRequest, type AuditSpec } from './audited.decorator.js';
import { AuditService } from './audit.service.js';

/** Writes the audit row of every `@Audited` handler: after it answers, and (when the spec says) when it refuses. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    if (!spec || !req.user) return next.handle();
    req.auditNote ??= {};
    const base = (): AuditContext => ({
      user: req.user!,
      params: req.params as Record<string, string>,
      body: req.body,
      note: req.auditNote!,
    });
    return next.handle().pipe(
      mergeMap((answer) => from(this.succeeded(spec, { ...base(), answer }, req.ip).then(() => answer))),
      catchError((error: Error) => from(this.refused(spec, { ...base(), error }, req.ip).then(() => Promise.reject(error)))),
    );
  }

  private async succeeded(spec: AuditSpec, c: AuditContext, ip: string | undefined): Promise<void> {
    const entry = {
      actor: c.user.username,
      action: typeof spec.action === 'function' ? spec.action(c) : spec.action,
      target: spec.target?.(c),
      result: spec.result?.(c) ?? 'succeeded',
      detail: spec.detail?.(c),
      ip,
    };
    await (spec.orRefuse ? this.audit.recordOrRefuse(entry) : this.audit.record(entry));
  }

  private async refused(spec: AuditSpec, c: AuditContext, ip: string | undefined): Promise<void> {
    if (!spec.refused) return;
    await this.audit.record({
      actor: c.user.username,
      action: typeof spec.action === 'function' ? spec.action(c) : spec.action,
      target: (spec.refused.target ?? spec.target)?.(c),
      result: spec.refused.result,
      detail: spec.refused.detail?.(c),
      ip,
    });
  }
}
