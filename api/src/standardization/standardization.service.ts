import { Injectable } from '@nestjs/common';
import { daysBetween } from '../core/domain/dates.js';
import { STEP_LABELS_JA, STEP_ORDER, stepsWithLabels } from '../core/domain/standardization-steps.js';
import { FiguresService, type ResolvedAsOf } from '../figures/figures.service.js';
import { StandardizationRepository } from './standardization.repository.js';
import { AT_RISK_REASONS, describeReason, REASON_LABELS_JA } from './at-risk-reasons.js';
import type { AsOfQuery } from '../figures/dto/as-of.query.js';
import type { AtRiskQuery } from './dto/standardization-queries.js';
import type { FunnelRow } from './dto/standardization.responses.js';
import { standardizationErrors } from './standardization.errors.js';

export const POPULATION_GROUP_LABELS: Record<string, string> = {
  designated_or_ward: '政令指定都市・23区',
  core_city: '中核市',
  other: 'その他',
};

@Injectable()
export class StandardizationService {
  constructor(
    private readonly repository: StandardizationRepository,
    private readonly figures: FiguresService,
  ) {}

  private meta(resolved: ResolvedAsOf, extra: Record<string, unknown> = {}) {
    return this.figures.meta('standardization', resolved.as_of, resolved.run, extra);
  }

  async rounds() {
    return { data: await this.repository.rounds() };
  }

  /** A survey round's breakdown; its figures are as of the day the survey was conducted. */
  async survey(round: string, group: 'class' | 'prefecture') {
    const run = await this.figures.run('standardization');
    const [national] = await this.repository.breakdown(round, 'national');
    const rounds = await this.repository.rounds();
    const info = rounds.find((r) => r.round === round);
    if (!national || !info) {
      throw standardizationErrors.unknownRound(
        round,
        rounds.map((r) => r.round),
      );
    }
    const order = Object.keys(POPULATION_GROUP_LABELS);
    const rows = await this.repository.breakdown(round, group);
    if (group === 'class') rows.sort((a, b) => order.indexOf(a.group_key) - order.indexOf(b.group_key));
    const groups = rows.map((g) => ({ ...g, label: group === 'class' ? POPULATION_GROUP_LABELS[g.group_key] : g.prefecture_name }));
    return {
      data: { national: { ...national, label: '全国' }, groups },
      meta: this.meta(
        { as_of: info.conducted_on, run },
        {
          round,
          round_name: info.name,
          definitions: {
            response_rate: '回答数 / 調査対象数',
            difficult_share: '「困難」の数 / 回答数（回答のあった団体を分母）',
            cumulative: '移行予定時期の累積割合。分母は時期を回答した団体（「調整中」「未定」を除く）',
          },
        },
      ),
    };
  }

  private withShares(row: FunnelRow) {
    const n = Number(row.municipalities);
    const shares = Object.fromEntries(STEP_ORDER.map((s) => [`${s}_share`, n > 0 ? Number(row[`${s}_done`]) / n : null]));
    return { ...row, ...shares };
  }

  async progress(query: AsOfQuery & { prefecture?: string; group?: 'prefecture' | 'vendor' }) {
    const resolved = await this.figures.resolve('standardization', query);
    const asOf = resolved.as_of;
    const [national] = await this.repository.funnel(asOf, 'national');
    const steps = stepsWithLabels();
    if (query.group === 'vendor') {
      const atRisk = new Map((await this.repository.atRiskByVendor(asOf)).map((r) => [r.group_key, r.at_risk]));
      const vendors = (await this.repository.funnel(asOf, 'vendor')).map((v) => ({
        ...this.withShares(v),
        at_risk: atRisk.get(v.group_key as string) ?? 0,
      }));
      return {
        data: { national: this.withShares(national), vendors, steps },
        meta: this.meta(resolved),
      };
    }
    if (query.prefecture) {
      const [prefecture] = await this.repository.funnel(asOf, 'prefecture', query.prefecture);
      const municipalities = await this.repository.municipalities(asOf, query.prefecture);
      return {
        data: { national: this.withShares(national), prefecture: prefecture && this.withShares(prefecture), municipalities, steps },
        meta: this.meta(resolved),
      };
    }
    const prefectures = (await this.repository.funnel(asOf, 'prefecture')).map((p) => this.withShares(p));
    return { data: { national: this.withShares(national), prefectures, steps }, meta: this.meta(resolved) };
  }

  /** A municipality's steps and dates on a progress date, with the reasons it is at risk then (none: not at risk). */
  async municipality(code: string, asOf?: AsOfQuery) {
    const resolved = await this.figures.resolve('standardization', asOf);
    const progress = await this.repository.municipality(resolved.as_of, code);
    const [atRisk] = await this.repository.atRisk(resolved.as_of, { municipality: code });
    return {
      data: progress ? { ...progress, at_risk: (atRisk?.codes ?? []).map(describeReason) } : null,
      steps: stepsWithLabels(),
      meta: this.meta(resolved, { key_dates: await this.repository.keyDates(resolved.run.as_of) }),
    };
  }

  /** Municipalities at risk on a progress date, with their reasons, filtered; `counts` by reason before the reason filter. */
  async atRisk(query: AtRiskQuery) {
    const resolved = await this.figures.resolve('standardization', query);
    const filter = { prefecture: query.prefecture, class: query.class, vendor: query.vendor };
    const all = await this.repository.atRisk(resolved.as_of, filter);
    const data = all
      .filter((m) => !query.reason || m.reasons.includes(query.reason))
      .map(({ codes, ...m }) => ({ ...m, details: codes.map(describeReason) }));
    const counts = Object.fromEntries(AT_RISK_REASONS.map((r) => [r, all.filter((m) => m.reasons.includes(r)).length]));
    return {
      data: query.limit === undefined ? data : data.slice(0, query.limit),
      meta: this.meta(resolved, {
        count: data.length,
        filters: { ...filter, reason: query.reason ?? null },
        counts_by_reason: counts,
        reason_labels: REASON_LABELS_JA,
        vendors: await this.repository.vendors(),
        key_dates: await this.repository.keyDates(resolved.run.as_of),
      }),
    };
  }

  /** Key dates with days remaining from a date (default the run date), and the national share completed per step on the latest progress date not after it. */
  async schedule(asOf?: string) {
    const run = await this.figures.run('standardization');
    const date = asOf ?? run.as_of;
    const keyDates = await this.repository.keyDates(date);
    // Progress is computed from 2025-04: before that there is none to show (not today's, relabelled).
    const progressDate = await this.figures.latestNotAfter('standardization', date);
    const [national] = progressDate ? await this.repository.funnel(progressDate, 'national') : [];
    return {
      data: {
        key_dates: keyDates.map((k) => ({ ...k, days_remaining: daysBetween(date, k.value) })),
        steps: national
          ? STEP_ORDER.map((s) => ({
              step: s,
              label_ja: STEP_LABELS_JA[s],
              completed: Number(national[`${s}_done`]),
              share: Number(national[`${s}_done`]) / Number(national.municipalities),
            }))
          : [],
      },
      meta: this.meta({ as_of: date, run }, { progress_as_of: progressDate }),
    };
  }
}
