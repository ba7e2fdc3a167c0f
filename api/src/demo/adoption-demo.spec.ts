import { buildMunicipalities } from '../reference/reference-data.js';
import { generateAdoptionDemo, type AdoptionDemo } from './adoption-demo.js';
import { PUBLISHED, targetAchievers } from './published-figures.js';

const COUNTED = new Set(['430', '110', '150', '780', '130', '170', '160', '210', '460', '730', '720', '120']);

/** An independent JS recount of what the SQL computes, to check the generator's calibration quickly. */
function recount(demo: AdoptionDemo, date: string) {
  const licenses = new Map(demo.licenses.map((l) => [l.office_number, l]));
  const per = new Map<string, { offices: number; applied: number; inForce: number }>();
  for (const o of demo.offices) {
    if (!COUNTED.has(o.service_type_code) || o.designated_on > date || (o.abolished_on && o.abolished_on <= date)) continue;
    const m = per.get(o.municipality_code) ?? { offices: 0, applied: 0, inForce: 0 };
    const l = licenses.get(o.office_number);
    m.offices++;
    if (l && l.applied_on <= date) m.applied++;
    if (l && l.starts_on <= date && (!l.ends_on || l.ends_on >= date)) m.inForce++;
    per.set(o.municipality_code, m);
  }
  return per;
}

describe('adoption demo generator', () => {
  const municipalities = buildMunicipalities();
  const achievers = targetAchievers();
  const demo = generateAdoptionDemo(municipalities, achievers);

  it('is deterministic', () => {
    const again = generateAdoptionDemo(municipalities, achievers);
    expect(again.offices.length).toBe(demo.offices.length);
    expect(again.licenses).toEqual(demo.licenses);
  });

  it('has about 250,000 target offices with 10-digit numbers starting with the prefecture code', () => {
    const counted = demo.offices.filter((o) => COUNTED.has(o.service_type_code) && o.designated_on <= '2025-03-31');
    expect(counted.length).toBeGreaterThan(225_000);
    expect(counted.length).toBeLessThan(275_000);
    expect(new Set(demo.offices.map((o) => o.office_number)).size).toBe(demo.offices.length);
    const malformed = demo.offices.filter(
      (o) => !/^\d{10}$/.test(o.office_number) || o.office_number.slice(0, 2) !== o.municipality_code.slice(0, 2),
    );
    expect(malformed).toEqual([]);
  });

  it('makes exactly the 73 published municipalities reach 30% at 2025-03-31, with their figures', () => {
    const per = recount(demo, PUBLISHED.achieversAsOf);
    const meeting = [...per.entries()].filter(([, m]) => m.offices > 0 && m.applied >= 0.3 * m.offices - 1e-9);
    expect(meeting.map(([code]) => code).sort()).toEqual(achievers.map((a) => a.municipalityCode).sort());
    for (const a of achievers) expect(per.get(a.municipalityCode)).toMatchObject({ offices: a.offices, applied: a.applications });
  });

  it('gives a national usage rate that rounds to 7.2% at 2025-05-31', () => {
    const per = [...recount(demo, PUBLISHED.nationalUsageAsOf).values()];
    const rate = per.reduce((s, m) => s + m.inForce, 0) / per.reduce((s, m) => s + m.offices, 0);
    expect(Math.round(rate * 1000) / 10).toBe(7.2);
  });

  it('keeps licence dates in order', () => {
    const outOfOrder = demo.licenses.filter((l) => l.starts_on < l.applied_on || (l.ends_on !== null && l.ends_on < l.starts_on));
    expect(outOfOrder).toEqual([]);
    expect(demo.licenses.length).toBeGreaterThan(17_000);
  });
});
