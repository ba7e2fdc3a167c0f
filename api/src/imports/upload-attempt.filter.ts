import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from '../core/http/all-exceptions.filter.js';
import type { SessionUser } from '../auth/user.js';
import { AuditService } from '../audit/audit.service.js';
import { ImportsService } from './imports.service.js';
import { uploadedFileNames, type UploadedFile } from './uploaded-files.js';

/**
 * An upload refused before its rows are read (too large, malformed multipart, bad fields, unknown kind)
 * is still an attempt: it is recorded in `imports` and the audit log, then answered like any error.
 */
@Catch(HttpException)
@Injectable()
export class UploadAttemptFilter implements ExceptionFilter {
  private readonly fallback = new AllExceptionsFilter();
  private readonly logger = new Logger(UploadAttemptFilter.name);

  constructor(
    private readonly imports: ImportsService,
    private readonly audit: AuditService,
  ) {}

  async catch(exception: HttpException, host: ArgumentsHost): Promise<void> {
    // Recording the attempt is best effort: whatever it meets, the request still gets its answer.
    await this.record(exception, host).catch((error: Error) => this.logger.error(`upload attempt not recorded: ${error.message}`));
    this.fallback.catch(exception, host);
  }

  private async record(exception: HttpException, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<FastifyRequest & { user?: SessionUser; uploads?: UploadedFile[] }>();
    const user = req.user;
    if (user) {
      const body = exception.getResponse() as { message?: string; message_ja?: string };
      const kind = String((req.params as Record<string, string | undefined>).kind ?? '');
      const fileName = uploadedFileNames(req.uploads);
      const importId = await this.imports
        .recordRefusedAttempt({
          kind,
          fileName,
          uploadedBy: user.username,
          reasonJa: body.message_ja ?? exception.message,
          reasonEn: body.message ?? exception.message,
        })
        .catch(() => null);
      await this.audit.record({
        actor: user.username,
        action: 'upload',
        target: kind.slice(0, 50),
        result: 'rejected',
        detail: { import_id: importId, status: exception.getStatus(), file_name: fileName },
        ip: req.ip,
      });
    }
  }
}
