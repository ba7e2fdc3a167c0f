import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIZE_BANDS, sizeBandOf } from './size-bands.js';

describe('size bands', () => {
  it('puts a municipality in the band its counted offices fall in (none without offices)', () => {
    expect([0, 1, 9, 10, 29, 30, 299, 300, 999, 1000, 25_000].map(sizeBandOf)).toEqual([
      null,
      '1-9',
      '1-9',
      '10-29',
      '10-29',
      '30-99',
      '100-299',
      '300-999',
      '300-999',
      '1000+',
      '1000+',
    ]);
  });

  it('agree with the bands the adoption mart writes (its CASE over target_offices)', () => {
    const sql = readFileSync(join(process.cwd(), 'sql', 'adoption', 'adoption_municipality.sql'), 'utf8');
    const whens = [...sql.matchAll(/when target_offices < (\d+) then '([^']+)'/g)].map((m) => ({ below: Number(m[1]), band: m[2] }));
    const last = /when target_offices < \d+ then '[^']+'\s+else '([^']+)'/.exec(sql)?.[1];
    expect(whens.map((w) => w.band).concat(last ?? [])).toEqual(SIZE_BANDS.map((b) => b.band));
    // Each band ends where the next begins.
    expect(whens.map((w) => w.below)).toEqual(SIZE_BANDS.slice(1).map((b) => b.from));
  });
});
