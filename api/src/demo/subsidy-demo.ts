import { createHash } from 'node:crypto';
import type { GrantRow } from '../imports/kinds/subsidy-grants.import.js';
import type { MunicipalityRow } from '../reference/reference-data.js';
import type { AdoptionDemo, DemoLicense } from './adoption-demo.js';
import { addDays, pickWeighted, randomDate, seededRandom, shuffle } from './random.js';

/**
 * Synthetic FY2024–FY2025 grants within the programmes' caps and rates, one to three model regions per
 * prefecture, and extra linkage licences from 2025-07 in the municipalities that used subsidies, so that
 * adoption rises somewhat more there (the seed's observation). Adds nothing before 2025-06, so the
 * published 2025-03-31 and 2025-05-31 figures are untouched.
 */
const COUNTED = new Set(['430', '110', '150', '780', '130', '170', '160', '210', '460', '730', '720', '120']);

type TechProgram = 'tech_software' | 'tech_other' | 'tech_terminal' | 'tech_transfer_bath' | 'business_improvement';
const TECH_MIX: ReadonlyArray<readonly [TechProgram, number]> = [
  ['tech_software', 45],
  ['tech_other', 25],
  ['tech_terminal', 15],
  ['tech_transfer_bath', 10],
  ['business_improvement', 5],
];
/** Eligible-cost range and cap per programme (the caps as seeded in subsidy_programs). */
const COSTS: Record<TechProgram, [number, number, number]> = {
  tech_software: [1_500_000, 3_400_000, 2_500_000],
  tech_other: [200_000, 450_000, 300_000],
  tech_terminal: [80_000, 150_000, 100_000],
  tech_transfer_bath: [900_000, 1_600_000, 1_000_000],
  business_improvement: [500_000, 700_000, 450_000],
};

/** A demo grant keyed as an import keys it (the decision, not the pledge); demo grants carry no pledge. */
function grant(row: Omit<GrantRow, 'grant_key' | 'pledged_on'>): GrantRow {
  const withKey = { grant_key: '', ...row };
  return { ...withKey, grant_key: createHash('sha1').update(JSON.stringify(withKey)).digest('hex'), pledged_on: null };
}

function officeGrant(random: () => number, office: { office_number: string; municipality_code: string }): GrantRow {
  const program = pickWeighted(random, TECH_MIX);
  const [low, high, cap] = COSTS[program];
  const eligible = Math.round((low + random() * (high - low)) / 1000) * 1000;
  const linked = program === 'tech_software' && random() < 0.25 ? 5 + Math.floor(random() * 8) : null;
  const effectiveCap = linked !== null ? cap + 50_000 : cap;
  const fy2024 = random() < 0.4;
  return grant({
    fiscal_year: fy2024 ? 2024 : 2025,
    prefecture_code: office.municipality_code.slice(0, 2),
    municipality_code: office.municipality_code,
    office_number: office.office_number,
    program_code: program,
    eligible_cost: eligible,
    amount: Math.min(effectiveCap, Math.floor(eligible * 0.75)),
    decided_on: fy2024 ? randomDate(random, '2025-01-15', '2025-03-25') : randomDate(random, '2025-05-15', '2026-02-27'),
    linked_offices: linked,
  });
}

export function generateSubsidyDemo(
  municipalities: MunicipalityRow[],
  adoption: AdoptionDemo,
  seed = 20241227,
): { grants: GrantRow[]; extraLicenses: DemoLicense[] } {
  const random = seededRandom(seed);
  const licensed = new Map(adoption.licenses.map((l) => [l.office_number, l]));
  const officesByMunicipality = new Map<string, typeof adoption.offices>();
  for (const o of adoption.offices) {
    if (!COUNTED.has(o.service_type_code) || o.designated_on > '2025-03-31' || o.abolished_on) continue;
    officesByMunicipality.set(o.municipality_code, [...(officesByMunicipality.get(o.municipality_code) ?? []), o]);
  }
  const grants: GrantRow[] = [];
  const extraLicenses: DemoLicense[] = [];
  for (const m of municipalities) {
    const offices = officesByMunicipality.get(m.code) ?? [];
    const usesSubsidies = random() < (m.class === 'village' || m.class === 'town' ? 0.4 : 0.7);
    if (!usesSubsidies || offices.length === 0) continue;
    const unlicensed = shuffle(
      random,
      offices.filter((o) => !licensed.has(o.office_number)),
    );
    // Subsidised offices that then join the linkage system (the effect), and some that do not (compliance).
    const joining = unlicensed.slice(0, Math.max(1, Math.round(unlicensed.length * 0.07)));
    const notJoining = unlicensed.slice(joining.length, joining.length + Math.max(0, Math.round(unlicensed.length * 0.01)));
    for (const office of joining) {
      const appliedOn = randomDate(random, '2025-07-01', '2026-09-30');
      extraLicenses.push({
        office_number: office.office_number,
        applied_on: appliedOn,
        starts_on: addDays(appliedOn, Math.floor(random() * 10)),
        ends_on: null,
      });
      grants.push(officeGrant(random, office));
    }
    for (const office of notJoining) grants.push(officeGrant(random, office));
  }
  for (const prefecture of [...new Set(municipalities.map((m) => m.prefectureCode))]) {
    const models = 1 + Math.floor(random() * 3);
    for (let i = 0; i < models; i++) {
      grants.push(
        grant({
          fiscal_year: 2025,
          prefecture_code: prefecture,
          municipality_code: null,
          office_number: null,
          program_code: 'model_region',
          eligible_cost: 20_000_000 + i,
          amount: 20_000_000,
          decided_on: randomDate(random, '2025-06-01', '2025-09-30'),
          linked_offices: null,
        }),
      );
    }
    const candidates = shuffle(
      random,
      municipalities.filter((m) => m.prefectureCode === prefecture && officesByMunicipality.has(m.code)),
    );
    for (const region of candidates.slice(0, 1 + Math.floor(random() * 2))) {
      grants.push(
        grant({
          fiscal_year: 2025,
          prefecture_code: prefecture,
          municipality_code: region.code,
          office_number: null,
          program_code: 'cpdl_model_region',
          eligible_cost: 8_500_000,
          amount: 8_500_000,
          decided_on: randomDate(random, '2025-06-01', '2025-09-30'),
          linked_offices: null,
        }),
      );
    }
  }
  return { grants, extraLicenses };
}
