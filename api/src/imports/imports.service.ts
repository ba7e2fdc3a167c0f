import type { ImportFigures, ImportKindInfo, ImportReport } from './dto/imports.responses.js';
import { TRACKED_TABLES } from '../core/migrations/1764001100000-undo-imports.js';
import type { AnyImportKind } from './kinds/index.js';
import type { Role } from '../auth/user.js';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { nulError } from '../core/http/request-guard.js';
import { JobsService, type QueuedRefresh } from '../jobs/jobs.service.js';
import { runImport } from './import-pipeline.js';
import { recordFailedAttempt } from './import-report.js';
import { COMMON_PARAMETERS, type ImportRequest } from './import-request.js';
import { previewsDir } from './temporary-files.js';
import type { ImportKind } from './import-kind.js';
import { ImportsRepository } from './imports.repository.js';
import { findImportKind, IMPORT_KINDS } from './kinds/index.js';
import { importsErrors } from './imports.errors.js';

/** Confirmations an upload may carry as fields (not parameters of the import: the same file with them is the same import). */
export const ACCEPT_FIELDS = { accept_set_aside: 'setAside', accept_closures: 'closures' } as const;
const mayUpload = (kind: AnyImportKind, role: Role) => (kind.roles ?? ['admin', 'national']).includes(role as 'admin');

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);
  private readonly rejectedHooks: RejectedHook[] = [];

  constructor(
    private readonly repository: ImportsRepository,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The kinds a role may upload. */
  kinds(role?: Role): ImportKindInfo[] {
    return IMPORT_KINDS.filter((k) => !role || mayUpload(k, role)).map((k) => ({
      kind: k.kind,
      label_ja: k.labelJa,
      columns: k.columns.map((c) => ({ header: c.header, aliases: c.aliases, optional: c.optional ?? false })),
      layouts: (k.layouts ?? []).map((l) => ({ id: l.id, label_ja: l.labelJa, signature: l.signature })),
      parameters: k.parameters ?? [],
      optional_parameters: [...(k.optionalParameters ?? []), ...COMMON_PARAMETERS, ...Object.keys(ACCEPT_FIELDS)],
      undoable: k.undoable ?? false,
    }));
  }

  /** A kind by name; with a role, refused (403) when that role may not upload it. */
  kind(kindName: string, role?: Role) {
    const kind = findImportKind(kindName);
    if (kind && role && !mayUpload(kind, role)) {
      throw importsErrors.adminsOnly(kind.labelJa, kind.kind, kind.roles ?? []);
    }
    if (!kind) {
      throw importsErrors.unknownKind(
        kindName,
        IMPORT_KINDS.map((k) => k.kind),
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
    const allowed = [...(kind.parameters ?? []), ...(kind.optionalParameters ?? []), ...COMMON_PARAMETERS, ...Object.keys(ACCEPT_FIELDS)];
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      const shown = name.slice(0, 40);
      if (!allowed.includes(name)) {
        throw importsErrors.unknownField(shown, allowed);
      }
      if (typeof value !== 'string') throw importsErrors.fieldNotOnceAsText(shown);
      if (value.includes('\u0000')) throw nulError();
      if (name in ACCEPT_FIELDS && !['true', 'false'].includes(value.trim())) throw importsErrors.notBoolean(name);
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

  /**
   * Undoes a standing import: its inserted rows go, the rows it updated or closed get their earlier values
   * back, and the jobs that read them rerun. Refused while a later import changed the same rows (their ids
   * are listed), for the demo load, and for kinds whose data is not only in the database.
   */
  async undo(importId: number, user: string, reason: string) {
    const row = await this.repository.importRow(importId);
    if (!row) throw importsErrors.noImport(importId);
    const kind = findImportKind(row.kind);
    if (row.status !== 'succeeded') throw importsErrors.notStanding(importId, row.status);
    if (row.is_demo || !kind || !kind.undoable) throw importsErrors.kindNotUndoable(kind?.labelJa ?? row.kind, row.kind);
    // Imports made before the undo log existed (or that changed no row) have nothing to give back: say so.
    if (!(await this.repository.hasUndoLog(importId))) throw importsErrors.noUndoLog(importId);
    const blocking = await this.repository.blockingImports(importId);
    if (blocking.length) throw importsErrors.laterImportsChanged(blocking);
    const tables = await this.repository.undo(importId, TRACKED_TABLES, { user, reason }).catch(async (error) => {
      throw (await this.dependentImports(importId, error)) ?? error;
    });
    return { undone: { import_id: importId, kind: kind.kind, tables }, refresh: this.jobs.queueRefresh(kind.kind) };
  }

  /**
   * A row this import added is still referenced by a row a later import wrote (a licence of a new office):
   * answers the 409 naming those imports, from PostgreSQL's foreign-key error.
   */
  private async dependentImports(importId: number, error: { code?: string; detail?: string }) {
    const found =
      error.code === '23503' ? /Key \((\w+)\)=\(([^)]*)\) is still referenced from table "(\w+)"/.exec(error.detail ?? '') : null;
    if (!found) return undefined;
    const [, column, value, table] = found;
    const blocking = await this.repository.laterImportsTouching(importId, table, column, value);
    return importsErrors.laterImportsReferTo(blocking, column, value);
  }

  /** Work that follows a rejected upload (admins' alerts); a hook's failure is logged, never the upload's answer. */
  onRejected(hook: RejectedHook): void {
    this.rejectedHooks.push(hook);
  }

  /**
   * Imports files and, when anything changed, queues the jobs whose summaries depend on them: answers on commit
   * with the report and the queued refresh (the CLI waits for it; the API waits only when asked to).
   */
  async upload(kindName: string, request: Omit<ImportRequest, 'dataDir' | 'dryRun'>): Promise<Committed> {
    const kind = this.kind(kindName);
    const report = await runImport(this.repository, kind, { ...withAcceptance(request), dataDir: this.config.dataDir });
    if (report.status === 'rejected')
      for (const hook of this.rejectedHooks)
        await hook(report, request.uploadedBy).catch((error: Error) => this.logger.error(`after a rejected upload: ${error.message}`));
    const changed = report.status === 'succeeded' && report.inserted + report.updated + report.closed > 0;
    return { report, refresh: changed ? this.jobs.queueRefresh(kind.kind) : NOTHING_QUEUED };
  }

  /** Whether the figures served include the import's latest change (its commit or its undo), job by job. */
  async figures(importId: number): Promise<ImportFigures> {
    const row = await this.repository.importRow(importId);
    if (!row) throw importsErrors.noImport(importId);
    const change = (await this.repository.latestChangeOf(importId)) ?? null;
    const jobs = change ? await this.jobs.progressOn(change.id, this.jobs.jobsFedBy(row.kind)) : [];
    return { import_id: importId, change, jobs, done: jobs.every((j) => j.status === 'succeeded' || j.status === 'failed') };
  }

  /**
   * What importing the files would change, written nowhere: the files are kept (DATA_DIR/previews) with the
   * report until the preview is committed, which imports exactly them.
   */
  async preview(
    kindName: string,
    request: Omit<ImportRequest, 'dataDir' | 'dryRun'>,
  ): Promise<ImportReport & { preview_id: string | null }> {
    const kind = this.kind(kindName);
    const dataVersion = await this.repository.dataVersion();
    const { accept: _accept, ...asked } = withAcceptance(request);
    const report = await runImport(this.repository, kind, { ...asked, dataDir: this.config.dataDir, dryRun: true });
    if (report.status !== 'preview') return { ...report, preview_id: null };
    const id = randomBytes(12).toString('hex');
    const dir = join(previewsDir(this.config.dataDir), id);
    await mkdir(dir, { recursive: true });
    const files = [];
    for (const [i, f] of request.files.entries()) {
      const path = join(dir, String(i));
      await copyFile(f.path, path);
      files.push({ fileName: f.fileName, path });
    }
    await this.repository.savePreview({
      id,
      kind: kind.kind,
      parameters: asked.parameters ?? {},
      files,
      data_version: dataVersion,
      report,
      created_by: request.uploadedBy,
    });
    return { ...report, preview_id: id };
  }

  /** A preview is its creator's: another account gets the same 404 as for one that does not exist. */
  async findPreview(id: string, owner: string) {
    const preview = /^[0-9a-f]{24}$/.test(id) ? await this.repository.findPreview(id) : undefined;
    if (!preview || preview.created_by !== owner) throw importsErrors.noPreview(id);
    return preview;
  }

  /**
   * Imports a preview's files as previewed. Refused when it was committed already, when its files are gone
   * (expired), or when another import succeeded since (the preview's counts would no longer hold).
   */
  async commitPreview(
    id: string,
    user: string,
    { codeChoice, accept }: { codeChoice?: string; accept?: ImportRequest['accept'] } = {},
  ): Promise<Committed> {
    const preview = await this.findPreview(id, user);
    if (preview.committed_import_id !== null) {
      throw importsErrors.previewCommitted(preview.committed_import_id);
    }
    if (!preview.files.every((f) => existsSync(f.path))) {
      throw importsErrors.previewExpired();
    }
    const current = await this.repository.dataVersion();
    if (current !== preview.data_version) {
      throw importsErrors.stalePreview(current);
    }
    const parameters = codeChoice ? { ...preview.parameters, code_choice: codeChoice } : preview.parameters;
    const committed = await this.upload(preview.kind, { files: preview.files, parameters, uploadedBy: user, accept });
    const { report } = committed;
    if (report.status !== 'rejected' && report.status !== 'not_accepted') {
      await this.repository.markPreviewCommitted(id, report.import_id);
      await rm(join(previewsDir(this.config.dataDir), id), { recursive: true, force: true });
    }
    return committed;
  }

  list(limit = 100) {
    return this.repository.list(limit);
  }

  async find(id: number) {
    const found = await this.repository.find(id);
    if (!found) throw importsErrors.noImport(id);
    return found;
  }
}

export type RejectedHook = (report: ImportReport, uploadedBy: string) => Promise<void>;

/** An import's report, and the jobs it queued to refresh the figures (none when it changed nothing). */
export interface Committed {
  report: ImportReport;
  refresh: QueuedRefresh;
}

const NOTHING_QUEUED: QueuedRefresh = { jobs: [], finished: Promise.resolve([]) };

/** Moves the confirmation fields (accept_set_aside=true …) out of the parameters into `accept`. */
function withAcceptance<R extends Pick<ImportRequest, 'parameters' | 'accept'>>(request: R): R {
  const parameters = { ...(request.parameters ?? {}) };
  const accept = { ...(request.accept ?? {}) };
  for (const [field, flag] of Object.entries(ACCEPT_FIELDS)) {
    if (field in parameters) accept[flag] ||= parameters[field] === 'true';
    delete parameters[field];
  }
  return { ...request, parameters, accept };
}
