import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { UsersRepository } from '../auth/users.repository.js';
import { loadDemoData } from '../demo/demo-loader.js';
import { ImportsRepository } from '../imports/imports.repository.js';
import { sweepTemporaryFiles } from '../imports/temporary-files.js';
import { JobsService } from '../jobs/jobs.service.js';
import { ReferenceRepository } from '../reference/reference.repository.js';

/** Start-up work: reference data, interrupted runs, the demo data, and summaries never computed or computed by older SQL. */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger(BootstrapService.name);

  constructor(
    private readonly jobs: JobsService,
    private readonly imports: ImportsRepository,
    private readonly users: UsersRepository,
    private readonly reference: ReferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The server at start-up (migrations have run). */
  async prepare(): Promise<void> {
    const swept = sweepTemporaryFiles(this.config.dataDir);
    if (swept.length)
      this.logger.warn(`removed ${swept.length} temporary files left by an interrupted import: ${swept.slice(0, 5).join(', ')}`);
    const interrupted = await this.jobs.markInterrupted();
    if (interrupted.length) this.logger.warn(`job runs left running by a stopped process marked interrupted: ${interrupted.join(', ')}`);
    const seeded = await this.reference.seed();
    this.logger.log(`reference data: ${seeded.prefectures} prefectures, ${seeded.municipalities} municipalities`);
    const demoLoaded = this.config.demoData === 'auto' && (await this.imports.isEmptyForDemo());
    if (demoLoaded) {
      const started = Date.now();
      const demo = await loadDemoData({ imports: this.imports, users: this.users }, this.config.dataDir);
      this.logger.log(
        `demo data (デモデータ) loaded: ${demo.offices} offices, ${demo.licenses} licences, ${demo.usageRows} monthly usage rows in ${Date.now() - started} ms`,
      );
    }
    for (const job of this.jobs.definitions()) {
      if (demoLoaded || (await this.jobs.isStale(job.name))) await this.jobs.run(job.name, 'startup');
    }
  }

  /** A command-line tool on a database that may be new: the reference data it validates against. */
  async prepareForCli(): Promise<void> {
    await this.reference.seed();
  }
}
