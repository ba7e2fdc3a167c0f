import { IMPORT_KINDS } from '../imports/kinds/index.js';
import { JOBS } from '../../../jobs/job-definitions.js';

/** Which jobs an import runs is said once, by the jobs (sourceImportKinds): these keep it honest. */
describe('jobs and the import kinds that feed them', () => {
  const kinds = new Set(IMPORT_KINDS.map((k) => k.kind));

  it('name only import kinds that exist (or the demo load)', () => {
    const unknown = JOBS.flatMap((j) =>
      (j.sourceImportKinds ?? []).filter((k) => k !== 'demo' && !kinds.has(k)).map((k) => `${j.name}: ${k}`),
    );
    expect(unknown).toEqual([]);
  });

  it('leave no kind of figures-bearing data without a job to run after its import (accounts feed none)', () => {
    const fed = new Set(JOBS.flatMap((j) => j.sourceImportKinds ?? []));
    expect([...kinds].filter((k) => !fed.has(k))).toEqual(['accounts']);
  });
});
