import { Global, Module } from '@nestjs/common';
import { FiguresRepository } from './figures.repository.js';
import { FiguresService } from './figures.service.js';
import { FiguresController } from './figures.controller.js';

/** As-of dates and figure metadata for every feature (global: each summary endpoint uses it). */
@Global()
@Module({ controllers: [FiguresController], providers: [FiguresService, FiguresRepository], exports: [FiguresService] })
export class FiguresModule {}
