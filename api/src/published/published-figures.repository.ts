import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PublishedFigure } from './dto/published-figures.responses.js';

const COLUMNS = `id, measure, value::float8 AS value, to_char(as_of, 'YYYY-MM-DD') AS as_of, source, source_url, note, created_by`;

@Injectable()
export class PublishedFiguresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<PublishedFigure[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM published_figures ORDER BY as_of, measure, id`);
  }

  /** Records a figure; the same measure, date and source again replaces the value (a correction). */
  async upsert(figure: Omit<PublishedFigure, 'id'>): Promise<PublishedFigure> {
    const [row] = await this.db.query(
      `INSERT INTO published_figures (measure, value, as_of, source, source_url, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (measure, as_of, source) DO UPDATE
         SET value = excluded.value, source_url = excluded.source_url, note = excluded.note, created_by = excluded.created_by, created_at = now()
       RETURNING ${COLUMNS}`,
      [figure.measure, figure.value, figure.as_of, figure.source, figure.source_url, figure.note, figure.created_by],
    );
    return row;
  }

  /** The deleted figure, or undefined when there was none. */
  async delete(id: number): Promise<PublishedFigure | undefined> {
    const [rows] = await this.db.query(`DELETE FROM published_figures WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
    return rows[0];
  }
}
