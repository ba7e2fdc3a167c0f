import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditController } from './audit.controller.js';
import { ExportRecordController } from './export-record.controller.js';
import { AuditService } from './audit.service.js';
import { AuditRepository } from './audit.repository.js';

@Global()
@Module({
  controllers: [AuditController, ExportRecordController],
  providers: [AuditService, AuditRepository, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
