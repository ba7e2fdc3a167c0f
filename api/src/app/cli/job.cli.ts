/**
 * `npm run job -- <name>|all [YYYY-MM-DD] [--full]`: runs jobs now through the API's JobsService, on the
 * configured database. A run recomputes only what changed since the last one unless --full is given.
 */
import { runCli } from './cli-context.js';
import { JobsService } from '../../jobs/jobs.service.js';

await runCli(async (app) => {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const [name, asOf] = args.filter((a) => a !== '--full');
  const jobs = app.get(JobsService);
  const names = name === 'all' ? jobs.definitions().map((j) => j.name) : jobs.definitions().some((j) => j.name === name) ? [name] : [];
  if (names.length === 0) {
    console.error(
      `usage: npm run job -- <${jobs
        .definitions()
        .map((j) => j.name)
        .join('|')}|all> [YYYY-MM-DD] [--full]`,
    );
    return 2;
  }
  let failed = 0;
  // Every job at once is a round: the digests due follow it (as they follow the nightly).
  const results = name === 'all' && !asOf ? await jobs.runAll('cli', full) : [];
  for (const job of names) {
    const result = results.find((r) => r.name === job) ?? (await jobs.run(job, 'cli', asOf, full));
    console.log(
      `${job}: run ${result.runId} ${result.status} (${result.mode}: ${result.why}) ${JSON.stringify(result.rowCounts)}${result.error ? `\n  ${result.error}` : ''}`,
    );
    if (result.status === 'failed') failed++;
  }
  return failed ? 1 : 0;
});
