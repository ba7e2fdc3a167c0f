import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { publishChange } from '../core/database/change-notices.js';

export interface SettingRow {
  key: string;
  value: string;
  valid_from: string;
  valid_to: string | null;
  source: string | null;
  note: string | null;
}

@Injectable()
export class SettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  list(): Promise<SettingRow[]> {
    return this.db.query(`SELECT key, value, valid_from, valid_to, source, note FROM settings ORDER BY key, valid_from`);
  }

  /** Each key's value in force on a date. */
  async valuesOn(date: string): Promise<Record<string, string>> {
    const rows: { key: string; value: string }[] = await this.db.query(
      `SELECT key, value FROM settings WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)`,
      [date],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Closes the row in force and opens a new one from validFrom (replacing one that starts the same day). */
  async change(key: string, value: string, validFrom: string, source: string, note: string | null): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM settings WHERE key = $1 AND valid_from = $2`, [key, validFrom]);
      await m.query(`UPDATE settings SET valid_to = $2 WHERE key = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2)`, [
        key,
        validFrom,
      ]);
      const [next] = await m.query(`SELECT min(valid_from) AS next FROM settings WHERE key = $1 AND valid_from > $2`, [key, validFrom]);
      await m.query(`INSERT INTO settings (key, value, valid_from, valid_to, source, note) VALUES ($1, $2, $3, $4, $5, $6)`, [
        key,
        value,
        validFrom,
        next?.next ?? null,
        source,
        note,
      ]);
      // Figures shown with a setting (the target rate, the key dates) are stale in every instance.
      await publishChange(m, { kind: 'figures', reason: `setting ${key}` });
    });
  }
}
