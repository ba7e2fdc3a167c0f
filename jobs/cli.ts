/** `npm run job -- <name> [YYYY-MM-DD]` runs one job (or `all`) now against the configured database. */
import { openCliDataSource } from '../api/src/database/cli-data-source.js';
import { findJob, JOBS } from '../api/src/jobs/job-definitions.js';
import { runJob } from '../api/src/jobs/job-runner.js';

async function main(): Promise<number> {
  const [name, asOf] = process.argv.slice(2);
  const jobs = name === 'all' ? JOBS : [findJob(name ?? '')].filter((j) => j !== undefined);
  if (jobs.length === 0) {
    console.error(`usage: npm run job -- <${JOBS.map((j) => j.name).join('|')}|all> [YYYY-MM-DD]`);
    return 2;
  }
  const { config, ds, close } = await openCliDataSource();
  try {
    let failed = 0;
    for (const job of jobs) {
      const result = await runJob(ds, job, { dataDir: config.dataDir, trigger: 'cli', asOf });
      console.log(`${job.name}: run ${result.runId} ${result.status} ${JSON.stringify(result.rowCounts)}${result.error ? `\n  ${result.error}` : ''}`);
      if (result.status === 'failed') failed++;
    }
    return failed ? 1 : 0;
  } finally {
    await close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
