import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MunicipalityNeed, OfficeRow } from './dto/offices.responses.js';

export interface OfficeArea {
  prefecture?: string;
  municipality?: string;
}

function areaWhere(area: OfficeArea, alias: string, params: string[]): string {
  if (area.municipality) return `WHERE ${alias}.municipality_code = $${params.push(area.municipality)}`;
  if (area.prefecture) return `WHERE ${alias}.prefecture_code = $${params.push(area.prefecture)}`;
  return '';
}

/** The only place that queries the office outreach list (written by the `offices` job). */
@Injectable()
export class OfficesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async prefectureCodes(): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(`SELECT code FROM prefectures ORDER BY code`);
    return rows.map((r) => r.code);
  }

  rows(area: OfficeArea): Promise<OfficeRow[]> {
    const params: string[] = [];
    return this.db.query(
      `SELECT o.office_number, o.office_name, o.phone, o.address, o.municipality_code, m.name AS municipality_name, o.service_type_codes, o.licence_status,
              to_char(o.applied_on, 'YYYY-MM-DD') AS applied_on, to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on,
              to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.exchanges_3m::int AS exchanges_3m, o.last_exchange_month,
              to_char(o.subsidy_deadline, 'YYYY-MM-DD') AS subsidy_deadline, o.subsidy_status
       FROM office_outreach o JOIN municipalities m ON m.code = o.municipality_code
       ${areaWhere(area, 'o', params)}
       ORDER BY o.office_number`,
      params,
    );
  }

  /** The list's usage window: the three latest months of exchange logs up to its run date's month. */
  async window(): Promise<{ usage_from: string | null; usage_to: string | null } | undefined> {
    const [row] = await this.db.query(`SELECT usage_from, usage_to FROM office_outreach_window LIMIT 1`);
    return row;
  }

  /** Each municipality of the area against the target on the adoption date closest on or before `asOf`. */
  needs(area: OfficeArea, asOf: string): Promise<MunicipalityNeed[]> {
    const params: string[] = [asOf];
    return this.db.query(
      `SELECT a.municipality_code AS code, m.name, a.target_offices, a.applied_offices, a.application_rate::float8 AS application_rate,
              a.target_rate::float8 AS target_rate, a.offices_needed
       FROM adoption_municipality a JOIN municipalities m ON m.code = a.municipality_code
       ${areaWhere(area, 'a', params) || 'WHERE true'}
         AND a.as_of = (SELECT max(as_of) FROM adoption_municipality WHERE as_of <= $1)
       ORDER BY a.municipality_code`,
      params,
    );
  }

  serviceTypes(): Promise<{ code: string; name: string }[]> {
    return this.db.query(`SELECT code, name FROM service_types WHERE counts_toward_adoption ORDER BY code`);
  }
}
