import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UsageFigures } from './dto/usage.responses.js';

const MEASURES = 'licensed_offices, active_offices, exchanges::float8 AS exchanges, exchanges_per_active, active_share';

/** The only place that queries the usage summaries (written by the `usage` job from the Parquet logs). */
@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async figures(asOf: string, prefecture?: string): Promise<UsageFigures> {
    const [national] = await this.db.query(`SELECT as_of, ${MEASURES} FROM usage_national WHERE as_of = $1`, [asOf]);
    const prefectures = await this.db.query(
      `SELECT u.prefecture_code, p.name AS prefecture_name, ${MEASURES} FROM usage_prefecture u JOIN prefectures p ON p.code = u.prefecture_code
       WHERE u.as_of = $1 ORDER BY u.prefecture_code`,
      [asOf],
    );
    const municipalities = prefecture
      ? await this.db.query(
          `SELECT u.municipality_code AS code, m.name, ${MEASURES} FROM usage_municipality u JOIN municipalities m ON m.code = u.municipality_code
           WHERE u.as_of = $1 AND u.prefecture_code = $2 ORDER BY u.municipality_code`,
          [asOf, prefecture],
        )
      : undefined;
    return { national, prefectures, municipalities };
  }
}
