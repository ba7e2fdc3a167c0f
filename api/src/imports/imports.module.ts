import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { ImportsController } from './imports.controller.js';
import { MultipartFilesInterceptor } from './multipart-files.interceptor.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';
import { UploadAttemptFilter } from './upload-attempt.filter.js';

@Module({
  imports: [JobsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, UploadAttemptFilter, MultipartFilesInterceptor],
  exports: [ImportsService, ImportsRepository],
})
export class ImportsModule {}
