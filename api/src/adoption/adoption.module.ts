import { Module } from '@nestjs/common';
import { AdoptionController } from './adoption.controller.js';
import { AdoptionRepository } from './adoption.repository.js';
import { AdoptionService } from './adoption.service.js';

@Module({ controllers: [AdoptionController], providers: [AdoptionService, AdoptionRepository], exports: [AdoptionService] })
export class AdoptionModule {}
