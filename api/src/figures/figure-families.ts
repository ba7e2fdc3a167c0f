/**
 * The figure families and how each decides its as-of date — the one place these rules live
 * (README, "As-of dates"). Every summary endpoint resolves its as-of and builds its `meta` through
 * FiguresService with one of these.
 *
 * - adoption: computed by the `adoption` job for every month end from 2023-04 up to its run date, plus
 *   ad-hoc dates a run was asked for. Default: the latest computed month end not after today (Tokyo).
 * - usage: one as-of per month of the exchange logs (its month end). Default: the latest not after today.
 * - standardization: progress and the at-risk list for the month ends 2025-04..2028-04 and the run
 *   date. Default: the run date of the latest successful run. A page whose 基準日 is an adoption month end
 *   asks with `as_of_rule=on_or_before` and shows the date it got.
 * - offices: the office outreach list, as of the `offices` job's run date only (the current state).
 * - subsidies: grants decided by each month end (cumulative) and the effect on adoption, per month end
 *   from the one before the first grant. Default: the latest effect month end not after today.
 */
export type FigureFamily = 'adoption' | 'usage' | 'standardization' | 'subsidies' | 'offices';

export interface FamilyRule {
  /** The summary table whose as_of column lists the computed dates; null: only the latest run's date (a list of the current state). */
  datesTable: string | null;
  /** The job that writes it. */
  job: string;
  /** 'month-end': the latest computed month end ≤ today; 'run-date': the latest successful run's as_of. */
  default: 'month-end' | 'run-date';
  /** What the family is computed from, in Japanese, for `meta.source` when the data is not demo data. */
  sourceJa: string;
  /** Its demo-data source line. */
  demoSourceJa: string;
  /** Words for "not computed yet". */
  labelJa: string;
  labelEn: string;
}

export const FAMILIES: Record<FigureFamily, FamilyRule> = {
  adoption: {
    datesTable: 'adoption_national',
    job: 'adoption',
    default: 'month-end',
    sourceJa: 'ケアプランデータ連携システム ライセンス申請・介護事業所の取込',
    demoSourceJa: 'デモデータ（合成。公表値: 2025-03-31 の目標達成73市区町村、2025-05-31 の全国利用率7.2% を再現）',
    labelJa: '導入状況',
    labelEn: 'adoption',
  },
  usage: {
    datesTable: 'usage_national',
    job: 'usage',
    default: 'month-end',
    sourceJa: 'ケアプランデータ連携 月次利用実績の取込',
    demoSourceJa: 'デモデータ（合成した月次利用実績）',
    labelJa: '利用実績',
    labelEn: 'usage',
  },
  standardization: {
    datesTable: 'standardization_funnel',
    job: 'standardization',
    default: 'run-date',
    sourceJa: '標準化アンケート・段階別予定の取込',
    demoSourceJa: 'デモデータ（合成。2025-02 調査は公表値 1,741 / 1,733 / 1,599、約66% / 97% / 3% を再現。段階別予定・事業者は架空）',
    labelJa: '標準化の進捗',
    labelEn: 'standardisation',
  },
  subsidies: {
    datesTable: 'subsidy_effect',
    job: 'subsidies',
    default: 'month-end',
    sourceJa: '補助金交付決定の取込',
    demoSourceJa: 'デモデータ（合成。上限額・補助率は令和6年度補正予算の資料に合わせた架空の交付決定）',
    labelJa: '補助金',
    labelEn: 'subsidy',
  },
  offices: {
    datesTable: null,
    job: 'offices',
    default: 'run-date',
    sourceJa: '介護事業所・ライセンス申請・月次利用実績・補助金交付決定の取込',
    demoSourceJa: 'デモデータ（合成した事業所・ライセンス・利用実績・交付決定）',
    labelJa: '事業所別リスト',
    labelEn: 'office list',
  },
};
