import { Module } from '@nestjs/common';
import { OfficesController } from './offices.controller.js';
import { OfficesRepository } from './offices.repository.js';
import { OfficeListCache } from './office-list-cache.js';
import { OfficesService } from './offices.service.js';

@Module({ controllers: [OfficesController], providers: [OfficesService, OfficesRepository, OfficeListCache] })
export class OfficesModule {}
