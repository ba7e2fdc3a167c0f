import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { isEmptyForDemo, loadDemoData } from './demo/demo-loader.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { markInterruptedRuns } from './jobs/job-runner.js';
import { JobsService } from './jobs/jobs.service.js';
import { seedReferenceData } from './reference/reference-seed.js';
import { sweepTemporaryFiles } from './imports/temporary-files.js';

/** First-start work: reference data, interrupted runs, and summaries that were never computed. */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger(BootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prepare(): Promise<void> {
    const swept = sweepTemporaryFiles(this.config.dataDir);
    if (swept.length) this.logger.warn(`removed ${swept.length} temporary files left by an interrupted import: ${swept.slice(0, 5).join(', ')}`);
    await markInterruptedRuns(this.db);
    const seeded = await seedReferenceData(this.db);
    this.logger.log(`reference data: ${seeded.prefectures} prefectures, ${seeded.municipalities} municipalities`);
    const demoLoaded = this.config.demoData === 'auto' && (await isEmptyForDemo(this.db));
    if (demoLoaded) {
      const started = Date.now();
      const demo = await loadDemoData(this.db, this.config.dataDir);
      this.logger.log(`demo data (デモデータ) loaded: ${demo.offices} offices, ${demo.licenses} licences, ${demo.usageRows} monthly usage rows in ${Date.now() - started} ms`);
    }
    for (const job of this.jobs.definitions()) {
      if (demoLoaded || !(await this.jobs.hasSucceeded(job.name))) await this.jobs.run(job.name, 'startup');
    }
  }
}
