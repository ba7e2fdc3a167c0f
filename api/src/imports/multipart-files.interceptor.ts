import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { importsErrors } from './imports.errors.js';
import { uploadsDir } from './temporary-files.js';
import type { UploadedFile } from './uploaded-files.js';

/** The 35 open-data files of one refresh (one per service type) fit in one upload. */
export const MAX_FILES_PER_UPLOAD = 40;
/** The multipart field that carries the files. */
export const UPLOAD_FIELD = 'file';

/** What one multipart request may hold: the files up to MAX_UPLOAD_MB each, and a few short text fields besides. */
export function uploadLimits(maxUploadBytes: number) {
  return {
    fileSize: maxUploadBytes,
    files: MAX_FILES_PER_UPLOAD,
    fields: 10,
    fieldSize: 20_000,
    fieldNameSize: 100,
    parts: MAX_FILES_PER_UPLOAD + 10,
  };
}

/** The upload route's request once its body is read: the files on disk and the text fields. */
export type UploadRequest = FastifyRequest & { uploads?: UploadedFile[] };

/** The files of an upload, as the interceptor stored them (none when the body held none). */
export const Uploads = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<UploadRequest>().uploads ?? [],
);

/**
 * Streams an upload's files to disk (DATA_DIR/uploads/<process>, removed after the import; leftovers swept at
 * start-up) and puts its text fields in the body, before the handler runs. A body it cannot read, or one over
 * the limits, is refused with nothing left on disk; the names received stay on the request for the record of
 * the attempt (UploadAttemptFilter).
 */
@Injectable()
export class MultipartFilesInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    req.uploads = [];
    if (req.isMultipart()) await this.receive(req, req.uploads);
    return next.handle();
  }

  private async receive(req: UploadRequest, files: UploadedFile[]): Promise<void> {
    const dir = uploadsDir(this.config.dataDir);
    await mkdir(dir, { recursive: true });
    // A field sent twice keeps both values (the import refuses it: each parameter is sent once, as text).
    const fields: Record<string, string | string[]> = {};
    try {
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          const value = String(part.value);
          const earlier = fields[part.fieldname];
          fields[part.fieldname] = earlier === undefined ? value : [earlier, value].flat();
          continue;
        }
        if (part.fieldname !== UPLOAD_FIELD) throw importsErrors.fileInOtherField(part.fieldname);
        const file = { fileName: part.filename, path: join(dir, randomBytes(12).toString('hex')) };
        files.push(file);
        await pipeline(part.file, createWriteStream(file.path));
      }
    } catch (error) {
      await Promise.all(files.map((f) => rm(f.path, { force: true })));
      throw this.refusal(error);
    }
    req.body = fields;
  }

  private refusal(error: unknown): HttpException {
    if (error instanceof HttpException) return error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') return importsErrors.fileTooLarge(Math.round(this.config.maxUploadBytes / 1024 / 1024));
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      return importsErrors.tooManyParts(MAX_FILES_PER_UPLOAD);
    }
    return importsErrors.multipartUnreadable(error instanceof Error ? error.message : String(error));
  }
}
