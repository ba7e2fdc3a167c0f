import { Global, Module } from '@nestjs/common';
import { FiguresRepository } from './figures.repository.js';
import { FiguresService } from './figures.service.js';

/** As-of dates and figure metadata for every feature (global: each summary endpoint uses it). */
@Global()
@Module({ providers: [FiguresService, FiguresRepository], exports: [FiguresService] })
export class FiguresModule {}
