import { Module } from '@nestjs/common';
import { OfficesController } from './offices.controller.js';
import { OfficesRepository } from './offices.repository.js';
import { OfficesService } from './offices.service.js';

@Module({ controllers: [OfficesController], providers: [OfficesService, OfficesRepository] })
export class OfficesModule {}
