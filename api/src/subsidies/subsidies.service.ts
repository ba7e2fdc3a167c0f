import type { AsOfQuery } from '../figures/dto/as-of.query.js';
import { Injectable } from '@nestjs/common';
import { FiguresService } from '../figures/figures.service.js';
import { SubsidiesRepository } from './subsidies.repository.js';
import { subsidiesErrors } from './subsidies.errors.js';

@Injectable()
export class SubsidiesService {
  constructor(
    private readonly repository: SubsidiesRepository,
    private readonly figures: FiguresService,
  ) {}

  /** Grants are cumulative: their figures are as of the latest run (its run date). */
  private async latest(extra: Record<string, unknown> = {}) {
    const run = await this.figures.run('subsidies');
    return this.figures.meta('subsidies', run.as_of, run, extra);
  }

  async programs() {
    return {
      data: await this.repository.programs(),
      meta: {
        source:
          '社会保障審議会 介護保険部会 資料（2025-04-21）: 令和6年度補正予算 介護テクノロジー導入・協働化等支援事業。上限額・補助率の読み取り方は表の右端の列',
      },
    };
  }

  /** Grants decided by the 基準日 (cumulative), per fiscal year × prefecture × programme. */
  async summary(filter: { asOf?: AsOfQuery; fiscalYear?: number; prefecture?: string }) {
    const resolved = await this.figures.resolve('subsidies', filter.asOf);
    const data = await this.repository.summary(resolved.as_of, filter);
    const total = data.reduce((s: number, r: { amount: number }) => s + r.amount, 0);
    const grants = data.reduce((s: number, r: { grants: number }) => s + r.grants, 0);
    return {
      data,
      meta: this.figures.meta('subsidies', resolved.as_of, resolved.run, {
        basis: '交付決定日が基準日以前の交付決定の累計',
        fiscal_year: filter.fiscalYear ?? null,
        prefecture: filter.prefecture ?? null,
        total_amount: total,
        total_grants: grants,
      }),
    };
  }

  /** Grants decided by a date (default: the latest run's date), cumulative. */
  async totals(asOf?: string) {
    const run = await this.figures.run('subsidies');
    const date = asOf ?? run.as_of;
    return {
      data: await this.repository.totals(date),
      meta: this.figures.meta('subsidies', date, run, { basis: '交付決定日が基準日以前の交付決定の累計' }),
    };
  }

  /** Offices that do not meet a linkage condition of their grants, per condition (all, or the programme's or condition's asked for). */
  async compliance(prefecture?: string, filter: { condition?: string; program?: string } = {}) {
    const condition = filter.condition || undefined;
    const program = filter.program || undefined;
    const conditions = (await this.repository.conditionCodes()).map((c) => c.code);
    if (condition !== undefined && !conditions.includes(condition)) throw subsidiesErrors.unknownCondition(conditions);
    const programs = (await this.repository.conditionedProgramCodes()).map((c) => c.code);
    if (program !== undefined && !programs.includes(program)) throw subsidiesErrors.unknownProgram(programs);
    const data = await this.repository.compliance({ prefecture, condition, program });
    return {
      data,
      meta: await this.latest({
        count: data.length,
        rule:
          '補助事業・加算の連携要件を満たしていない事業所（要件ごとに1行）。参加の要件は期限までにケアプランデータ連携システムのライセンスを申請（要件によっては期限まで参加の誓約でも可）、' +
          '利用実績の報告の要件は期限の月までに連携システムでデータを送受信した実績（月次利用実績）。要件は /api/v1/subsidies/programs の conditions',
      }),
    };
  }

  async effect(asOf?: AsOfQuery) {
    const resolved = await this.figures.resolve('subsidies', asOf);
    const data = await this.repository.effect(resolved.as_of);
    return {
      data,
      meta: this.figures.meta('subsidies', resolved.as_of, resolved.run, {
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
    return { data: await this.repository.grantsOfMunicipality(code), meta: await this.latest() };
  }

  subsidisedMunicipalities(prefecture?: string) {
    return this.repository.subsidisedMunicipalities(prefecture);
  }
}
