import { ARROW_STREAM } from '../../api/src/core/domain/media-types.js';
import { record } from './measures.js';

const WAIT_AFTER_RUN_MS = 15_000;

/**
 * The nation's office list after the `offices` job wrote a new run, as the dashboard asks for it (Arrow,
 * brotli): the moment the job answered (the server is still building it in the background, so the request
 * waits for that build), once the server had a moment, and again.
 */
export async function officeListsAfterRunSection(base: string, cookie: string) {
  const national = async () => {
    const start = performance.now();
    const res = await fetch(`${base}/api/v1/offices`, { headers: { cookie, accept: ARROW_STREAM, 'accept-encoding': 'br' } });
    if (!res.ok) throw new Error(`the nation's office list answered ${res.status}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    return { ms: performance.now() - start, bytes };
  };
  const runOffices = async () => {
    const res = await fetch(`${base}/api/v1/admin/jobs/offices/run`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`the offices job answered ${res.status}`);
  };
  await runOffices();
  const immediate = await national();
  await runOffices();
  await new Promise((r) => setTimeout(r, WAIT_AFTER_RUN_MS));
  const later = await national();
  const again = await national();
  const kb = `${Math.round(later.bytes / 1024).toLocaleString('en')} KB decoded`;
  record(
    'offices',
    `the nation's list (Arrow, br, ${kb}) requested as the offices job answers: waits for the build under way`,
    `${Math.round(immediate.ms)} ms`,
  );
  record(
    'offices',
    `  the same, ${WAIT_AFTER_RUN_MS / 1000} s after the run (built when the job finished)`,
    `${Math.round(later.ms)} ms`,
    '< 1 s',
  );
  record('offices', '  the same, served again', `${Math.round(again.ms)} ms`);
}
