import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { DataSource } from 'typeorm';
import { ApiError, ErrorCode, notFound } from '../common/api-error.js';
import { JobsService } from '../jobs/jobs.service.js';
import { runImport, type ImportReport, type ImportRequest } from './import-pipeline.js';
import { ImportsRepository } from './imports.repository.js';
import { findImportKind, IMPORT_KINDS } from './kinds/index.js';

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
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
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `取込の種類 ${kindName} はありません`, `unknown import kind ${kindName}`, {
        kinds: IMPORT_KINDS.map((k) => k.kind),
      });
    }
    return kind;
  }

  /** Imports a file, then refreshes the summaries that depend on it when anything changed. */
  async upload(kindName: string, request: Omit<ImportRequest, 'dataDir'>): Promise<ImportReport & { jobs: unknown[] }> {
    const kind = this.kind(kindName);
    const report = await runImport(this.db, kind, { ...request, dataDir: this.config.dataDir });
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
