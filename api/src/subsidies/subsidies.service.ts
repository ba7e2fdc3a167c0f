import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, ErrorCode, notFound } from '../common/api-error.js';
import { parseIsoDate } from '../common/params.js';
import { SubsidiesRepository } from './subsidies.repository.js';

@Injectable()
export class SubsidiesService {
  constructor(private readonly repository: SubsidiesRepository) {}

  private async meta(extra: Record<string, unknown> = {}) {
    const run = await this.repository.runInfo();
    if (!run) throw notFound('補助金の集計がまだありません（subsidies ジョブを実行してください）', 'no subsidy figures yet (run the subsidies job)');
    return {
      source: run.demo ? 'デモデータ（合成。上限額・補助率は令和6年度補正予算の資料に合わせた架空の交付決定） / demo data' : `補助金交付決定の取込（取込ID ${run.source_import_ids.join(', ')}）`,
      demo: run.demo, job_run_id: run.job_run_id, computed_at: run.computed_at, source_import_ids: run.source_import_ids, run_as_of: run.as_of, ...extra,
    };
  }

  async programs() {
    return { data: await this.repository.programs(), meta: { source: '令和6年度補正予算 介護テクノロジー導入・協働化等支援事業（seed の最終スライド）。読み取りの判断は note 列' } };
  }

  async summary(filter: { fiscalYear?: number; prefecture?: string }) {
    const data = await this.repository.summary(filter);
    const total = data.reduce((s: number, r: { amount: number }) => s + r.amount, 0);
    const grants = data.reduce((s: number, r: { grants: number }) => s + r.grants, 0);
    return { data, meta: await this.meta({ fiscal_year: filter.fiscalYear ?? null, prefecture: filter.prefecture ?? null, total_amount: total, total_grants: grants }) };
  }

  async compliance(prefecture?: string) {
    const data = await this.repository.compliance(prefecture);
    return {
      data,
      meta: await this.meta({
        count: data.length,
        rule: '補助を受けた居宅介護支援・居宅サービス事業所は令和7年度中（2026-03-31まで）にケアプランデータ連携システムの利用を開始（申請）すること',
      }),
    };
  }

  async effect(asOf?: string) {
    const dates = await this.repository.effectDates();
    const date = asOf ? parseIsoDate(asOf, 'as_of') : dates.at(-1);
    if (!date || !dates.includes(date)) {
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NoDataForDate, `基準日 ${date ?? ''} の効果集計はありません`, `no effect figures for ${date ?? 'any date'}`, { available_dates: dates });
    }
    const data = await this.repository.effect(date);
    return {
      data,
      meta: await this.meta({
        as_of: date,
        definitions: {
          baseline: '最初の交付決定の前月末（補助前の導入状況）',
          rate: '申請率 = 申請数の合計 / 対象事業所数の合計（グループ内の市区町村）',
          change: 'rate_after − rate_before（割合の差）',
          caveat: '相関であり因果ではありません（補助を使う市区町村はもともと意欲が高い可能性）',
        },
      }),
    };
  }

  async municipality(code: string) {
    return { data: await this.repository.grantsOfMunicipality(code), meta: await this.meta() };
  }

  subsidisedMunicipalities(prefecture?: string) {
    return this.repository.subsidisedMunicipalities(prefecture);
  }
}
