import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';
import { JobRunsRepository } from './job-runs.repository.js';

@Module({ controllers: [JobsController], providers: [JobsService, JobRunsRepository], exports: [JobsService, JobRunsRepository] })
export class JobsModule {}
