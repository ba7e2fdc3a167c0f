import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OfficesController } from './offices.controller.js';
import { OfficesRepository } from './offices.repository.js';
import { OfficeListCache } from './office-list-cache.js';
import { OfficesService } from './offices.service.js';

@Module({ imports: [JobsModule], controllers: [OfficesController], providers: [OfficesService, OfficesRepository, OfficeListCache] })
export class OfficesModule {}
