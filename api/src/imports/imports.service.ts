import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ApiError, badRequest, ErrorCode, notFound } from '../common/api-error.js';
import { nulError } from '../common/request-guard.js';
import { JobsService, type JobRun } from '../jobs/jobs.service.js';
import { recordFailedAttempt, runImport, type ImportReport, type ImportRequest } from './import-pipeline.js';
import type { ImportKind } from './import-kind.js';
import { ImportsRepository } from './imports.repository.js';
import { findImportKind, IMPORT_KINDS } from './kinds/index.js';

@Injectable()
export class ImportsService {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  kinds() {
    return IMPORT_KINDS.map((k) => ({
      kind: k.kind,
      label_ja: k.labelJa,
      columns: k.columns.map((c) => ({ header: c.header, aliases: c.aliases, optional: c.optional ?? false })),
      parameters: k.parameters ?? [],
    }));
  }

  kind(kindName: string) {
    const kind = findImportKind(kindName);
    if (!kind) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        ErrorCode.NotFound,
        `取込の種類 ${kindName} はありません`,
        `unknown import kind ${kindName}`,
        {
          kinds: IMPORT_KINDS.map((k) => k.kind),
        },
      );
    }
    return kind;
  }

  /**
   * The upload's text fields: only the kind's declared parameters, each given once as plain text
   * (a repeated field arrives as an array, `a[b]` as an object) without NUL.
   */
  uploadParameters(kind: ImportKind<unknown, unknown>, body: unknown): Record<string, string> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const allowed = kind.parameters ?? [];
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      const shown = name.slice(0, 40);
      if (!allowed.includes(name)) {
        throw badRequest(
          `不明なフィールド ${shown} があります（受け付けるフィールド: file${allowed.map((a) => `, ${a}`).join('')}）`,
          `unknown field ${shown} (accepted: file${allowed.map((a) => `, ${a}`).join('')})`,
        );
      }
      if (typeof value !== 'string')
        throw badRequest(
          `フィールド ${shown} は1回だけ、文字列で送ってください（重複または入れ子）`,
          `field ${shown} must be sent once, as text (it was repeated or nested)`,
        );
      if (value.includes('\u0000')) throw nulError();
      parameters[name] = value.trim();
    }
    return parameters;
  }

  /** An upload refused before its rows were read (see UploadAttemptFilter). */
  recordRefusedAttempt(attempt: {
    kind: string;
    fileName: string;
    uploadedBy: string;
    reasonJa: string;
    reasonEn: string;
  }): Promise<number> {
    return recordFailedAttempt(this.repository, { ...attempt, status: 'rejected' });
  }

  /** Imports a file, then refreshes the summaries that depend on it when anything changed. */
  async upload(kindName: string, request: Omit<ImportRequest, 'dataDir'>): Promise<ImportReport & { jobs: JobRun[] }> {
    const kind = this.kind(kindName);
    const report = await runImport(this.repository, kind, { ...request, dataDir: this.config.dataDir });
    const changed = report.status === 'succeeded' && report.inserted + report.updated > 0;
    const jobs = changed ? await Promise.all(kind.jobs.map((name) => this.jobs.run(name, 'import'))) : [];
    return { ...report, jobs };
  }

  list(limit = 100) {
    return this.repository.list(limit);
  }

  async find(id: number) {
    const found = await this.repository.find(id);
    if (!found) throw notFound(`取込ID ${id} はありません`, `import ${id} not found`);
    return found;
  }
}
