/** Seeded PRNG (mulberry32): the demo data is the same on every machine and every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pickWeighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

export function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const DAY = 86_400_000;
export const toDays = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const fromDays = (days: number) => new Date(Math.round(days) * DAY).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => fromDays(toDays(iso) + days);
export const randomDate = (random: () => number, from: string, to: string, skew = 1) =>
  fromDays(toDays(from) + Math.floor(Math.pow(random(), skew) * (toDays(to) - toDays(from) + 1)));
