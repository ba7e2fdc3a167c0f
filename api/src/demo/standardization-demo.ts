import type { MilestoneRow } from '../imports/kinds/standardization-milestones.import.js';
import type { Step } from '../core/domain/standardization-steps.js';
import type { PlannedPeriod, SurveyResponseRow } from '../imports/kinds/standardization-survey.import.js';
import type { MunicipalityRow } from '../reference/reference-data.js';
import { daysBetween } from '../core/domain/dates.js';
import { addDays, pickWeighted, randomDate, seededRandom, shuffle } from './random.js';

/**
 * The 2025-02 survey round for all 1,741 municipalities, reproducing the seed's totals exactly
 * (1,733 answered; 134 調整中・未定; of the 1,599 with a period: 66% by FY2026, 97% by FY2027, 3%
 * FY2028+; more than half 困難, larger classes later), and synthetic milestones consistent with each
 * answer, up to the day the demo is loaded, with twelve fictional vendors.
 */
export const DEMO_SURVEY = {
  round: '2025-02',
  name: '介護情報基盤の整備に向けた自治体向けアンケート（令和7年2月）',
  conductedOn: '2025-02-14',
} as const;

/** Counts chosen so the shares round to the published ones: 1,055/1,599 = 66.0%, 1,551/1,599 = 97.0%, 48/1,599 = 3.0%. */
export const SURVEY_COUNTS = { unanswered: 8, undecided: 134, FY2025: 700, FY2026: 355, FY2027: 496, FY2028_OR_LATER: 48 } as const;

export const DEMO_VENDORS = [
  'ベンダーA',
  'ベンダーB',
  'ベンダーC',
  'ベンダーD',
  'ベンダーE',
  'ベンダーF',
  'ベンダーG',
  'ベンダーH',
  'ベンダーI',
  'ベンダーJ',
  'ベンダーK',
  'ベンダーL',
];
const VENDOR_WEIGHTS: ReadonlyArray<readonly [string, number]> = DEMO_VENDORS.map(
  (v, i) => [v, [22, 18, 14, 10, 8, 7, 6, 5, 4, 3, 2, 1][i]] as const,
);

/** Larger municipalities answer later: a class bias added to a random draw orders the periods. */
const LATENESS: Record<string, number> = { designated_city: 0.9, special_ward: 0.7, core_city: 0.3, city: 0.1, town: 0, village: 0 };

const FISCAL_YEAR: Record<Exclude<PlannedPeriod, 'UNDECIDED'>, [string, string]> = {
  FY2025: ['2025-04-01', '2026-03-31'],
  FY2026: ['2026-04-01', '2027-03-31'],
  FY2027: ['2027-04-01', '2028-03-31'],
  FY2028_OR_LATER: ['2028-04-01', '2029-03-31'],
};

export function generateSurveyDemo(municipalities: MunicipalityRow[], seed = 20250214): SurveyResponseRow[] {
  const random = seededRandom(seed);
  const smallOnes = shuffle(
    random,
    municipalities.filter((m) => m.class === 'town' || m.class === 'village').map((m) => m.code),
  );
  const unanswered = new Set(smallOnes.slice(0, SURVEY_COUNTS.unanswered));
  const answered = municipalities.filter((m) => !unanswered.has(m.code));
  const undecided = new Set(
    shuffle(
      random,
      answered.map((m) => m.code),
    ).slice(0, SURVEY_COUNTS.undecided),
  );
  const ordered = answered
    .filter((m) => !undecided.has(m.code))
    .map((m) => ({ code: m.code, score: LATENESS[m.class] + random() }))
    .sort((a, b) => a.score - b.score);
  const periods = new Map<string, PlannedPeriod>();
  let i = 0;
  for (const period of ['FY2025', 'FY2026', 'FY2027', 'FY2028_OR_LATER'] as const) {
    for (let n = 0; n < SURVEY_COUNTS[period]; n++) periods.set(ordered[i++].code, period);
  }
  return municipalities.map((m) => {
    if (unanswered.has(m.code))
      return { round: DEMO_SURVEY.round, municipality_code: m.code, answered: false, fy2025_migration: null, planned_period: null };
    const period = undecided.has(m.code) ? 'UNDECIDED' : periods.get(m.code)!;
    return {
      round: DEMO_SURVEY.round,
      municipality_code: m.code,
      answered: true,
      fy2025_migration: period === 'FY2025' ? 'possible' : 'difficult',
      planned_period: period,
    };
  });
}

/** Gaps in days between consecutive steps (② after ①, 送信開始 after ②, ③ after 送信開始, 共有開始 after ③), before fitting. */
const NOMINAL_GAPS: ReadonlyArray<readonly [number, number]> = [
  [30, 90],
  [14, 30],
  [60, 180],
  [14, 30],
];
/** Share of municipalities with a plan whose data migration is planned after full operation (at risk). */
const LATE_PLAN_SHARE = 0.04;
/** Share of due steps that slip (not done by the demo day); the steps after a slipped one are not done either. */
const SLIP_SHARE = 0.03;
const LAST_DAY_BEFORE_FULL_OPERATION = '2028-03-31';

/**
 * Milestones following each answer: steps spaced out after the planned migration and fitted before full
 * operation (2028-04-01), except a few plans that run late; a step planned by `demoDay` (the day the demo
 * is loaded, so the story holds on any day) is done unless it slipped.
 */
export function generateMilestonesDemo(survey: SurveyResponseRow[], demoDay: string, seed = 20250401): MilestoneRow[] {
  const random = seededRandom(seed);
  const rows: MilestoneRow[] = [];
  for (const response of survey) {
    const vendor = pickWeighted(random, VENDOR_WEIGHTS);
    const period =
      response.planned_period === 'UNDECIDED' || response.planned_period === null
        ? random() < 0.5
          ? 'FY2027'
          : random() < 0.7
            ? 'FY2026'
            : undefined
        : response.planned_period;
    if (!period) continue; // no plan registered yet
    const plan = planSteps(random, randomDate(random, ...FISCAL_YEAR[period]));
    let behind = false;
    for (const [step, plannedOn] of plan) {
      const done = !behind && plannedOn <= demoDay && random() >= SLIP_SHARE;
      if (!done) behind = true;
      const completedOn = done ? addDays(plannedOn, Math.floor(random() * 40) - 20) : null;
      rows.push({
        municipality_code: response.municipality_code,
        step,
        planned_on: plannedOn,
        completed_on: completedOn && completedOn > demoDay ? demoDay : completedOn,
        vendor,
      });
    }
  }
  return rows;
}

function planSteps(random: () => number, migration: string): [Step, string][] {
  const gaps = NOMINAL_GAPS.map(([min, spread]) => min + Math.floor(random() * spread));
  const lateData = random() < LATE_PLAN_SHARE;
  const room = daysBetween(migration, LAST_DAY_BEFORE_FULL_OPERATION);
  const scale = lateData ? 1 : Math.min(1, room / gaps.reduce((a, b) => a + b, 0));
  const steps: Step[] = ['modification', 'transmission_start', 'data_migration', 'sharing_start'];
  const plan: [Step, string][] = [['migration', migration]];
  steps.forEach((step, i) => {
    const previous = plan[i][1];
    const planned = addDays(previous, Math.max(1, Math.floor(gaps[i] * scale)));
    // A late plan: data migration (and so sharing) after full operation.
    plan.push([
      step,
      lateData && step === 'data_migration' && planned < '2028-04-01' ? addDays('2028-04-01', 10 + (gaps[i] % 80)) : planned,
    ]);
  });
  return plan;
}
