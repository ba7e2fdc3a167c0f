import { Injectable } from '@nestjs/common';
import { parseIsoDate } from '../core/http/params.js';
import type { CreatePublishedFigureBody } from './dto/published-figure.body.js';
import type { PublishedFigure } from './dto/published-figures.responses.js';
import { PublishedFiguresRepository } from './published-figures.repository.js';
import { publishedFiguresErrors } from './published-figures.errors.js';

/** Figures others publish, kept beside the tracked series: recorded by national staff, read by everyone signed in. */
@Injectable()
export class PublishedFiguresService {
  constructor(private readonly repository: PublishedFiguresRepository) {}

  list(): Promise<PublishedFigure[]> {
    return this.repository.list();
  }

  record(body: CreatePublishedFigureBody, username: string): Promise<PublishedFigure> {
    return this.repository.upsert({
      measure: body.measure,
      value: body.value,
      as_of: parseIsoDate(body.as_of, 'as_of'),
      source: body.source.trim(),
      source_url: body.source_url ?? null,
      note: body.note?.trim() || null,
      created_by: username,
    });
  }

  async delete(id: number): Promise<PublishedFigure> {
    const deleted = await this.repository.delete(id);
    if (!deleted) throw publishedFiguresErrors.noFigure(id);
    return deleted;
  }
}
