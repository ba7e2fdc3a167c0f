import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, ErrorCode, notFound } from '../common/api-error.js';
import { parseIsoDate } from '../common/params.js';
import { isMonthEnd } from '../core/dates.js';
import { SummaryCache } from '../common/summary-cache.js';
import { CLASS_LABELS_JA, type MunicipalityClass } from '../core/municipality-class.js';
import { AdoptionRepository, type RunInfo } from './adoption.repository.js';
import type { AdoptionMunicipalitiesQuery } from './dto/adoption-queries.js';

export const RATE_NOTE = {
  application_rate: '申請率 = 申請済み事業所数 / 対象事業所数（申請日が基準日以前） / applied offices ÷ target offices',
  usage_rate: '利用率 = 基準日にライセンスが有効な事業所数 / 対象事業所数 / offices with a licence in force ÷ target offices',
  rounding: 'rates are unrounded ratios; the dashboard shows them as percentages rounded half-up to one decimal (7.2%)',
  offices_needed: '目標到達に必要な追加申請数 = 最小の n（(申請数 + n) / 事業所数 ≥ 目標）',
};

@Injectable()
export class AdoptionService {
  constructor(
    private readonly repository: AdoptionRepository,
    private readonly cache: SummaryCache,
  ) {}

  /** The as-of date asked for, or the latest computed month end; an unknown date is a 404 listing the known ones. */
  private async resolveAsOf(asOf?: string): Promise<string> {
    if (asOf !== undefined) {
      const date = parseIsoDate(asOf, 'as_of');
      const dates = await this.repository.dates();
      if (!dates.includes(date)) {
        throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NoDataForDate,
          `基準日 ${date} の集計はありません。集計済みの基準日: ${dates[0] ?? 'なし'} 〜 ${dates.at(-1) ?? 'なし'}（月末）`,
          `no adoption figures for ${date}; computed dates are listed in available_dates`,
          { available_dates: dates });
      }
      return date;
    }
    const latest = await this.repository.latestMonthEnd();
    if (!latest) throw notFound('導入状況の集計がまだありません（adoption ジョブを実行してください）', 'no adoption figures yet (run the adoption job)');
    return latest;
  }

  /** An admin removes an ad-hoc as-of date (month ends are recomputed by every run, so they stay). */
  async removeDate(asOf: string): Promise<{ as_of: string; rows_removed: number }> {
    const date = parseIsoDate(asOf, 'as_of');
    if (!(await this.repository.dates()).includes(date)) throw notFound(`基準日 ${date} の集計はありません`, `no adoption figures for ${date}`);
    if (isMonthEnd(date)) {
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.Conflict, `月末（${date}）は毎回集計されるため削除できません`, `month ends (${date}) are computed by every run and cannot be removed`);
    }
    const removed = await this.repository.removeDate(date);
    this.cache.clear();
    return { as_of: date, rows_removed: removed };
  }

  private async meta(asOf: string, extra: Record<string, unknown> = {}) {
    const run = (await this.repository.runInfo()) as RunInfo;
    return {
      as_of: asOf,
      source: run.demo
        ? 'デモデータ（合成。公表値: 2025-03-31 の目標達成73市区町村、2025-05-31 の全国利用率7.2% を再現） / demo data'
        : `ケアプランデータ連携システム ライセンス申請・介護事業所の取込（取込ID ${run.source_import_ids.join(', ')}）`,
      demo: run.demo,
      job_run_id: run.job_run_id,
      computed_at: run.computed_at,
      source_import_ids: run.source_import_ids,
      definitions: RATE_NOTE,
      ...extra,
    };
  }

  async national(asOf?: string) {
    const date = await this.resolveAsOf(asOf);
    return { data: await this.repository.national(date), meta: await this.meta(date) };
  }

  async prefectures(asOf?: string) {
    const date = await this.resolveAsOf(asOf);
    const data = await this.repository.prefectures(date);
    return { data, meta: await this.meta(date, { count: data.length }) };
  }

  async classes(asOf?: string) {
    const date = await this.resolveAsOf(asOf);
    const data = (await this.repository.classes(date)).map((r: { class: MunicipalityClass }) => ({ ...r, class_label: CLASS_LABELS_JA[r.class] }));
    return { data, meta: await this.meta(date, { count: data.length }) };
  }

  async municipalities(query: AdoptionMunicipalitiesQuery) {
    const date = await this.resolveAsOf(query.as_of);
    const limit = query.limit ?? 2000;
    const offset = query.offset ?? 0;
    const { total, rows } = await this.repository.municipalities({
      asOf: date, prefecture: query.prefecture, class: query.class,
      meetsTarget: query.meets_target === undefined ? undefined : query.meets_target === 'true',
      sort: query.sort ?? 'code', limit, offset,
    });
    const data = rows.map((r: { class: MunicipalityClass }) => ({ ...r, class_label: CLASS_LABELS_JA[r.class] }));
    return { data, meta: await this.meta(date, { count: data.length, total, limit, offset }) };
  }

  async municipality(code: string, asOf?: string) {
    const date = await this.resolveAsOf(asOf);
    const row = await this.repository.municipality(date, code);
    if (!row) throw notFound(`市区町村コード ${code} の集計はありません`, `no adoption figures for municipality ${code}`);
    const [prefecture, cls, size] = await Promise.all(
      (['prefecture_code', 'class', 'size_band'] as const).map((c) => this.repository.peerGroup(date, code, c)),
    );
    const trend = await this.repository.trend({ municipality: code });
    return {
      data: {
        ...row,
        class_label: CLASS_LABELS_JA[row.class as MunicipalityClass],
        peers: { prefecture, class: cls, size_band: size },
        trend,
      },
      meta: await this.meta(date, {
        peer_definition: '同じ都道府県 / 同じ区分 / 同じ規模帯（対象事業所数 1-9, 10-29, 30-99, 100-299, 300-999, 1000+）。percentile = 比較対象のうち申請率が低い団体の割合',
      }),
    };
  }

  async trend(filter: { prefecture?: string; municipality?: string }) {
    const data = await this.repository.trend(filter);
    const latest = data.at(-1)?.as_of;
    if (!latest) throw notFound('推移データがありません', 'no trend data');
    return { data, meta: await this.meta(latest, { from: data[0].as_of, to: latest, scope: filter }) };
  }

  async usage(asOf: string | undefined, prefecture?: string) {
    const dates = await this.repository.usageDates();
    const date = asOf ? parseIsoDate(asOf, 'as_of') : dates.at(-1);
    if (!date || !dates.includes(date)) {
      throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NoDataForDate, `基準日 ${date ?? ''} の利用実績はありません（月末を指定）`, `no usage figures for ${date ?? 'any date'}`, { available_dates: dates });
    }
    const run = await this.repository.usageRun();
    return {
      data: await this.repository.usage(date, prefecture),
      meta: {
        as_of: date,
        source: run?.demo ? 'デモデータ（合成した月次利用実績） / demo data' : `ケアプランデータ連携 月次利用実績（取込ID ${run?.source_import_ids.join(', ')}）`,
        demo: run?.demo ?? false, job_run_id: run?.job_run_id, computed_at: run?.computed_at, source_import_ids: run?.source_import_ids,
        definitions: {
          licensed_offices: '月末にライセンスが有効な対象事業所', active_offices: 'うち当月に1件以上送受信した事業所',
          exchanges_per_active: '送受信件数 / 利用事業所数', active_share: '利用事業所数 / ライセンス有効事業所数',
        },
      },
    };
  }

  async dates() {
    return { data: await this.repository.dates(), meta: { latest_month_end: await this.repository.latestMonthEnd() } };
  }
}
