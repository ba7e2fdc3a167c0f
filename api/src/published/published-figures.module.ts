import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PublishedFiguresController } from './published-figures.controller.js';
import { PublishedFiguresRepository } from './published-figures.repository.js';
import { PublishedFiguresService } from './published-figures.service.js';

/** Figures others publish, shown beside the tracked series on the national trend. */
@Module({
  imports: [AuditModule],
  controllers: [PublishedFiguresController],
  providers: [PublishedFiguresService, PublishedFiguresRepository],
})
export class PublishedFiguresModule {}
