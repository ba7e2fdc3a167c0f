import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ImportsController, MAX_FILES_PER_UPLOAD } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';
import { uploadsDir } from './temporary-files.js';
import { UploadAttemptFilter } from './upload-attempt.filter.js';

@Module({
  imports: [
    JobsModule,
    // Uploads stream to disk (DATA_DIR/uploads, removed after the import; leftovers swept at start-up);
    // larger than MAX_UPLOAD_MB gets 413. A few short text fields at most besides the file.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        dest: uploadsDir(config.dataDir),
        limits: {
          fileSize: config.maxUploadBytes,
          files: MAX_FILES_PER_UPLOAD,
          fields: 10,
          fieldSize: 20_000,
          fieldNameSize: 100,
          parts: MAX_FILES_PER_UPLOAD + 10,
        },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, UploadAttemptFilter],
  exports: [ImportsService, ImportsRepository],
})
export class ImportsModule {}
