/**
 * Size bands of a municipality by its counted offices (target_offices): the peers "of the same size" it is
 * compared with. Lower bounds, ascending; the last band is open. `sql/adoption/adoption_municipality.sql`
 * writes the same bands (its CASE is checked against this table in size-bands.spec.ts).
 */
export const SIZE_BANDS = [
  { band: '1-9', from: 1 },
  { band: '10-29', from: 10 },
  { band: '30-99', from: 30 },
  { band: '100-299', from: 100 },
  { band: '300-999', from: 300 },
  { band: '1000+', from: 1000 },
] as const;

export type SizeBand = (typeof SIZE_BANDS)[number]['band'];

/** The band of a municipality with this many counted offices; none without offices. */
export function sizeBandOf(targetOffices: number): SizeBand | null {
  if (targetOffices <= 0) return null;
  return [...SIZE_BANDS].reverse().find((b) => targetOffices >= b.from)!.band;
}

/** The bands as a list for definitions ("1-9, 10-29, …"). */
export const SIZE_BAND_NAMES: string = SIZE_BANDS.map((b) => b.band).join(', ');
