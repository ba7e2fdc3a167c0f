import { Module } from '@nestjs/common';
import { SubsidiesController } from './subsidies.controller.js';
import { SubsidiesRepository } from './subsidies.repository.js';
import { SubsidiesService } from './subsidies.service.js';

@Module({ controllers: [SubsidiesController], providers: [SubsidiesService, SubsidiesRepository], exports: [SubsidiesService] })
export class SubsidiesModule {}
