import { Module } from '@nestjs/common';
import { StandardizationController } from './standardization.controller.js';
import { StandardizationRepository } from './standardization.repository.js';
import { StandardizationService } from './standardization.service.js';

@Module({ controllers: [StandardizationController], providers: [StandardizationService, StandardizationRepository] })
export class StandardizationModule {}
