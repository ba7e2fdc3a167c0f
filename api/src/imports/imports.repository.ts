import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Reads of the import audit table. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(limit: number) {
    return this.db.query(
      `SELECT id, kind, file_name, sha256, encoding, rows, inserted, updated, unchanged, status, duplicate_of, is_demo,
              parameters, uploaded_by, uploaded_at, jsonb_array_length(coalesce(errors, '[]')) AS error_count
       FROM imports ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  async find(id: number) {
    const rows = await this.db.query(`SELECT * FROM imports WHERE id = $1`, [id]);
    return rows[0];
  }
}
