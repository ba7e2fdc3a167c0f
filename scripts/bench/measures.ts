/** The figures a bench run records (printed as they come, written to BENCHMARKS.md at the end) and their units. */
export interface Measure {
  section: string;
  measure: string;
  value: string;
  goal?: string;
}

export const results: Measure[] = [];

export const record = (section: string, measure: string, value: string, goal?: string) => {
  results.push({ section, measure, value, goal });
  console.log(`${section.padEnd(12)} ${measure.padEnd(52)} ${value}${goal ? `   (goal ${goal})` : ''}`);
};
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}
