import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, ErrorCode, notFound } from '../common/api-error.js';
import { parseIsoDate } from '../common/params.js';
import { daysBetween } from '../core/dates.js';
import { STEP_LABELS_JA, STEP_ORDER } from '../core/standardization-steps.js';
import { StandardizationRepository } from './standardization.repository.js';

export const POPULATION_GROUP_LABELS: Record<string, string> = {
  designated_or_ward: '政令指定都市・23区',
  core_city: '中核市',
  other: 'その他',
};


@Injectable()
export class StandardizationService {
  constructor(private readonly repository: StandardizationRepository) {}

  private async run() {
    const run = await this.repository.runInfo();
    if (!run) throw notFound('標準化の集計がまだありません（standardization ジョブを実行してください）', 'no standardisation figures yet (run the standardization job)');
    return run;
  }

  private meta(run: NonNullable<Awaited<ReturnType<StandardizationRepository['runInfo']>>>, extra: Record<string, unknown> = {}) {
    return {
      source: run.demo
        ? 'デモデータ（合成。2025-02 調査は公表値 1,741 / 1,733 / 1,599、約66% / 97% / 3% を再現。段階別予定・事業者は架空） / demo data'
        : `標準化アンケート・段階別予定の取込（取込ID ${run.source_import_ids.join(', ')}）`,
      demo: run.demo,
      job_run_id: run.job_run_id,
      computed_at: run.computed_at,
      source_import_ids: run.source_import_ids,
      ...extra,
    };
  }

  async rounds() {
    return { data: await this.repository.rounds() };
  }

  async survey(round: string, group: 'class' | 'prefecture') {
    const run = await this.run();
    const [national] = await this.repository.breakdown(round, 'national');
    if (!national) {
      const rounds = (await this.repository.rounds()).map((r: { round: string }) => r.round);
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `調査回 ${round} はありません`, `no survey round ${round}`, { available_rounds: rounds });
    }
    const order = Object.keys(POPULATION_GROUP_LABELS);
    const rows = await this.repository.breakdown(round, group);
    if (group === 'class') rows.sort((a: { group_key: string }, b: { group_key: string }) => order.indexOf(a.group_key) - order.indexOf(b.group_key));
    const groups = rows.map((g: { group_key: string; prefecture_name?: string }) => ({
      ...g,
      label: group === 'class' ? POPULATION_GROUP_LABELS[g.group_key] : g.prefecture_name,
    }));
    return {
      data: { national: { ...national, label: '全国' }, groups },
      meta: this.meta(run, {
        round,
        definitions: {
          response_rate: '回答数 / 調査対象数', difficult_share: '「困難」の数 / 回答数（回答のあった団体を分母）',
          cumulative: '移行予定時期の累積割合。分母は時期を回答した団体（「調整中」「未定」を除く）',
        },
      }),
    };
  }

  private async resolveAsOf(asOf: string | undefined, run: { as_of: string }): Promise<string> {
    if (asOf === undefined) return run.as_of;
    const date = parseIsoDate(asOf, 'as_of');
    const dates = await this.repository.progressDates();
    if (!dates.includes(date)) {
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NoDataForDate, `基準日 ${date} の集計はありません`, `no progress figures for ${date}`, { available_dates: dates });
    }
    return date;
  }

  private withShares(row: Record<string, number | string>) {
    const n = Number(row.municipalities);
    const shares = Object.fromEntries(STEP_ORDER.map((s) => [`${s}_share`, n > 0 ? Number(row[`${s}_done`]) / n : null]));
    return { ...row, ...shares };
  }

  async progress(query: { as_of?: string; prefecture?: string; group?: 'prefecture' | 'vendor' }) {
    const run = await this.run();
    const asOf = await this.resolveAsOf(query.as_of, run);
    const [national] = await this.repository.funnel(asOf, 'national');
    const steps = STEP_ORDER.map((s) => ({ step: s, label_ja: STEP_LABELS_JA[s] }));
    if (query.group === 'vendor') {
      const atRisk = new Map((await this.repository.atRiskByVendor()).map((r: { group_key: string; at_risk: number }) => [r.group_key, r.at_risk]));
      const vendors = (await this.repository.funnel(asOf, 'vendor')).map((v: Record<string, number | string>) => ({
        ...this.withShares(v), at_risk: atRisk.get(v.group_key as string) ?? 0,
      }));
      return { data: { national: this.withShares(national), vendors, steps }, meta: this.meta(run, { as_of: asOf, at_risk_as_of: run.as_of }) };
    }
    if (query.prefecture) {
      const [prefecture] = await this.repository.funnel(asOf, 'prefecture', query.prefecture);
      const municipalities = await this.repository.municipalities(asOf, query.prefecture);
      return { data: { national: this.withShares(national), prefecture: prefecture && this.withShares(prefecture), municipalities, steps }, meta: this.meta(run, { as_of: asOf }) };
    }
    const prefectures = (await this.repository.funnel(asOf, 'prefecture')).map((p: Record<string, number | string>) => this.withShares(p));
    return { data: { national: this.withShares(national), prefectures, steps }, meta: this.meta(run, { as_of: asOf }) };
  }

  async municipality(code: string) {
    const run = await this.run();
    return { data: (await this.repository.municipality(run.as_of, code)) ?? null, steps: STEP_ORDER.map((s) => ({ step: s, label_ja: STEP_LABELS_JA[s] })), meta: this.meta(run, { as_of: run.as_of }) };
  }

  async atRisk(prefecture?: string) {
    const run = await this.run();
    const data = await this.repository.atRisk(prefecture);
    const dates = await this.repository.keyDates(run.as_of);
    return { data, meta: this.meta(run, { as_of: run.as_of, count: data.length, key_dates: dates }) };
  }

  async schedule(asOf?: string) {
    const run = await this.run();
    const date = asOf ? parseIsoDate(asOf, 'as_of') : run.as_of;
    const keyDates = await this.repository.keyDates(date);
    const progressDate = (await this.repository.progressDates()).filter((d) => d <= date).at(-1) ?? run.as_of;
    const [national] = await this.repository.funnel(progressDate, 'national');
    return {
      data: {
        key_dates: keyDates.map((k: { key: string; value: string }) => ({ ...k, days_remaining: daysBetween(date, k.value) })),
        steps: national
          ? STEP_ORDER.map((s) => ({ step: s, label_ja: STEP_LABELS_JA[s], completed: Number(national[`${s}_done`]), share: Number(national[`${s}_done`]) / Number(national.municipalities) }))
          : [],
      },
      meta: this.meta(run, { as_of: date, progress_as_of: progressDate }),
    };
  }
}
