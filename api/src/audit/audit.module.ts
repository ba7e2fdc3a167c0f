import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { ExportRecordController } from './export-record.controller.js';
import { AuditService } from './audit.service.js';
import { AuditRepository } from './audit.repository.js';

@Global()
@Module({ controllers: [AuditController, ExportRecordController], providers: [AuditService, AuditRepository], exports: [AuditService] })
export class AuditModule {}
