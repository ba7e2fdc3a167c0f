import type { CareOfficeRow } from '../imports/kinds/care-offices/care-offices.import.js';
import type { CpdlLicenseRow } from '../imports/kinds/cpdl-licenses.import.js';
import type { MunicipalityRow } from '../reference/reference-data.js';
import type { MunicipalityClass } from '../core/domain/municipality-class.js';
import { PUBLISHED, type TargetAchiever } from './published-figures.js';
import { addDays, pickWeighted, randomDate, seededRandom, shuffle } from './random.js';

/**
 * Synthetic care offices and linkage licences for all municipalities, calibrated so that
 * at 2025-03-31 exactly the published 73 municipalities reach 30% (same applications and offices)
 * and at 2025-05-31 the national usage rate rounds to 7.2%. Everything else is synthetic.
 */
export type DemoOffice = CareOfficeRow;
export type DemoLicense = CpdlLicenseRow;
export interface AdoptionDemo {
  offices: DemoOffice[];
  licenses: DemoLicense[];
}

export const DEMO_SEED = 20250331;
/** The demo's own "today": fixed so the data do not depend on when it is generated. */
export const DEMO_END = '2026-10-31';
const FIRST_DAY = '2023-04-01';
const GROWTH_FROM = '2025-04-01';
/** Offices whose dates may change after 2025-05-31: later openings and closures. */
const LATE_CHANGES_FROM = '2025-06-01';

const COUNTED_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['430', 16],
  ['110', 22],
  ['150', 14],
  ['780', 14],
  ['130', 10],
  ['170', 8],
  ['160', 5],
  ['210', 5],
  ['460', 2],
  ['730', 2],
  ['720', 1],
  ['120', 1],
];
const FACILITY_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['510', 4],
  ['520', 2],
  ['320', 4],
];
const TYPE_NAMES: Record<string, string> = {
  '430': '居宅介護支援事業所',
  '110': '訪問介護',
  '150': 'デイサービス',
  '780': '地域密着デイ',
  '130': '訪問看護ステーション',
  '170': '福祉用具',
  '160': '通所リハ',
  '210': 'ショートステイ',
  '460': '地域包括支援センター',
  '730': '小規模多機能',
  '720': '認知症デイ',
  '120': '訪問入浴',
  '510': '特別養護老人ホーム',
  '520': '介護老人保健施設',
  '320': 'グループホーム',
};

function officeCount(random: () => number, cls: MunicipalityClass): number {
  const r = random();
  switch (cls) {
    case 'designated_city':
      return 1800 + Math.floor(r * 2700);
    case 'special_ward':
      return 250 + Math.floor(r * 650);
    case 'core_city':
      return 350 + Math.floor(r * 550);
    case 'city':
      return 20 + Math.floor(r * r * 390);
    case 'town':
      return 5 + Math.floor(r * r * 90);
    case 'village':
      return 1 + Math.floor(r * 18);
  }
}

/** Applications by 2025-03-31 for a municipality that is not in the published list: strictly below 30%. */
function appliedBelowTarget(random: () => number, offices: number): number {
  const rate = 0.015 + 0.09 * Math.pow(random(), 1.6) + (random() < 0.06 ? 0.12 : 0);
  const ceiling = Math.ceil(PUBLISHED.targetRate * offices - 1e-9) - 1; // the most that stays below 30%
  return Math.max(0, Math.min(ceiling, Math.floor(rate * offices + random())));
}

function licenceFrom(random: () => number, office: string, appliedOn: string): DemoLicense {
  const startsOn = addDays(appliedOn, Math.floor(random() * 12));
  return { office_number: office, applied_on: appliedOn, starts_on: startsOn, ends_on: null };
}

const inForceOn = (l: DemoLicense, date: string) => l.starts_on <= date && (l.ends_on === null || l.ends_on >= date);

export function generateAdoptionDemo(municipalities: MunicipalityRow[], achievers: TargetAchiever[], seed = DEMO_SEED): AdoptionDemo {
  const random = seededRandom(seed);
  const published = new Map(achievers.map((a) => [a.municipalityCode, a]));
  const sequence = new Map<string, number>();
  const offices: DemoOffice[] = [];
  const licenses = new Map<string, DemoLicense>();
  const countedByMunicipality = new Map<string, string[]>();

  const newOffice = (m: MunicipalityRow, type: string, designatedOn: string): DemoOffice => {
    const seq = (sequence.get(m.prefectureCode) ?? 0) + 1;
    sequence.set(m.prefectureCode, seq);
    const facility = FACILITY_TYPES.some(([t]) => t === type);
    const number = `${m.prefectureCode}${facility ? '1' : '7'}${String(seq).padStart(7, '0')}`;
    const office = {
      office_number: number,
      name: `（デモ）${m.name}${TYPE_NAMES[type]}${seq % 1000}`,
      phone: null, // demo offices have no telephone numbers (fictional ones could be dialled)
      address: null, // nor addresses (fictional ones could be visited)
      service_type_code: type,
      municipality_code: m.code,
      designated_on: designatedOn,
      abolished_on: null,
      snapshot: false,
    };
    offices.push(office);
    return office;
  };

  // Offices open before the system started, so each municipality's count is fixed through 2025-05-31.
  for (const m of municipalities) {
    const target = published.get(m.code);
    const counted = target ? target.offices : officeCount(random, m.class);
    const numbers: string[] = [];
    for (let i = 0; i < counted; i++)
      numbers.push(newOffice(m, pickWeighted(random, COUNTED_TYPES), randomDate(random, '2000-04-01', '2023-03-31')).office_number);
    for (let i = 0, n = Math.round(counted * 0.08); i < n; i++)
      newOffice(m, pickWeighted(random, FACILITY_TYPES), randomDate(random, '2000-04-01', '2023-03-31'));
    countedByMunicipality.set(m.code, numbers);

    // Applications up to 2025-03-31: the published count for the 73, below 30% for everyone else.
    const applied = target ? target.applications : appliedBelowTarget(random, counted);
    for (const office of shuffle(random, [...numbers]).slice(0, applied)) {
      licenses.set(office, licenceFrom(random, office, randomDate(random, FIRST_DAY, PUBLISHED.achieversAsOf, 0.6)));
    }
  }

  // A few licences lapse (ended before 2025-03-31 is fine: application still counts for 申請率).
  for (const l of licenses.values()) {
    if (random() < 0.03) l.ends_on = addDays(l.starts_on, 60 + Math.floor(random() * 300));
  }

  // Growth after March 2025 (synthetic): slow until the free licence year from 2025-06, faster after.
  const unlicensed = shuffle(
    random,
    [...countedByMunicipality.values()].flat().filter((o) => !licenses.has(o)),
  );
  const growthPool: string[] = [];
  for (const office of unlicensed) {
    const monthlyHazard = 0.011;
    const months = 19; // 2025-04 .. 2026-10
    for (let month = 0; month < months; month++) {
      if (random() < monthlyHazard * (month < 2 ? 0.3 : 1)) {
        const first = addDays(GROWTH_FROM, month * 30.5);
        const appliedOn = randomDate(random, first, addDays(first, 29));
        if (appliedOn <= DEMO_END) licenses.set(office, licenceFrom(random, office, appliedOn));
        break;
      }
    }
    if (!licenses.has(office)) growthPool.push(office);
  }

  calibrateNationalUsage(random, [...countedByMunicipality.values()].flat(), licenses, growthPool);
  addLateChanges(random, municipalities, offices, licenses, newOffice);
  return { offices, licenses: [...licenses.values()].sort((a, b) => a.office_number.localeCompare(b.office_number)) };
}

/** Adds or defers April–May 2025 licences until exactly round(7.2% × offices) are in force on 2025-05-31. */
function calibrateNationalUsage(random: () => number, counted: string[], licenses: Map<string, DemoLicense>, pool: string[]): void {
  const date = PUBLISHED.nationalUsageAsOf;
  const wanted = Math.round(PUBLISHED.nationalUsageRate * counted.length);
  let inForce = counted.filter((o) => licenses.has(o) && inForceOn(licenses.get(o)!, date)).length;
  while (inForce < wanted) {
    const office = pool.pop();
    if (!office) throw new Error('demo calibration: no office left to add');
    const appliedOn = randomDate(random, GROWTH_FROM, '2025-05-20');
    licenses.set(office, {
      office_number: office,
      applied_on: appliedOn,
      starts_on: addDays(appliedOn, Math.floor(random() * 5)),
      ends_on: null,
    });
    inForce++;
  }
  const deferrable = counted.filter((o) => {
    const l = licenses.get(o);
    return l && l.applied_on >= GROWTH_FROM && inForceOn(l, date);
  });
  while (inForce > wanted) {
    const office = deferrable.pop();
    if (!office) throw new Error('demo calibration: cannot defer enough licences');
    const l = licenses.get(office)!;
    l.starts_on = addDays(date, 1 + Math.floor(random() * 20));
    inForce--;
  }
}

/** After the calibration dates: some offices close (their licence ends), some open. */
function addLateChanges(
  random: () => number,
  municipalities: MunicipalityRow[],
  offices: DemoOffice[],
  licenses: Map<string, DemoLicense>,
  newOffice: (m: MunicipalityRow, type: string, designatedOn: string) => DemoOffice,
): void {
  for (const office of offices) {
    if (random() < 0.02) {
      office.abolished_on = randomDate(random, LATE_CHANGES_FROM, DEMO_END);
      const l = licenses.get(office.office_number);
      if (l && l.starts_on <= office.abolished_on && (l.ends_on === null || l.ends_on > office.abolished_on))
        l.ends_on = office.abolished_on;
      if (l && l.starts_on > office.abolished_on) licenses.delete(office.office_number);
    }
  }
  for (const m of municipalities) {
    const openings = Math.floor(random() * (m.class === 'village' ? 1.2 : m.class === 'town' ? 2 : 6));
    for (let i = 0; i < openings; i++) newOffice(m, pickWeighted(random, COUNTED_TYPES), randomDate(random, LATE_CHANGES_FROM, DEMO_END));
  }
}
