import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { markInterruptedRuns } from '../../jobs/job-runner.js';
import { JobsService } from './jobs/jobs.service.js';
import { seedReferenceData } from './reference/reference-seed.js';

/** First-start work: reference data, interrupted runs, and summaries that were never computed. */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger(BootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
  ) {}

  async prepare(): Promise<void> {
    await markInterruptedRuns(this.db);
    const seeded = await seedReferenceData(this.db);
    this.logger.log(`reference data: ${seeded.prefectures} prefectures, ${seeded.municipalities} municipalities`);
    for (const job of this.jobs.definitions()) {
      if (!(await this.jobs.hasSucceeded(job.name))) await this.jobs.run(job.name, 'startup');
    }
  }
}
