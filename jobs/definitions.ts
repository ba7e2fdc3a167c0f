import type { JobDefinition } from './job-definition.js';

export const referenceSummaryJob: JobDefinition = {
  name: 'reference_summary',
  description: 'Municipalities per prefecture and class / 都道府県・区分別の市区町村数',
  inputs: [
    { table: 'municipalities', query: 'SELECT code, prefecture_code, class, valid_from, valid_to FROM municipalities' },
  ],
  sql: ['reference/reference_summary.sql'],
  outputs: [{ from: 'reference_summary', to: 'reference_summary' }],
};

/** Every job the scheduler and `npm run job` know, by name, in dependency order. */
export const JOBS: ReadonlyArray<JobDefinition> = [referenceSummaryJob];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
