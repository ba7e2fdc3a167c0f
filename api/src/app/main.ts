/**
 * `npm start`: a small supervisor around the server process (server.ts). When the server ends on its own
 * (a crash, an out-of-memory kill), it is started again after a short pause and the restart is logged and
 * passed on, so /api/health shows it. A start-up failure (exit code 2) or a stop by signal ends it with
 * the server's own code; more than 5 crashes within a minute stops it as well, rather than loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const MAX_CRASHES_PER_MINUTE = 5;
const log = (line: string) => console.error(`[supervisor ${new Date().toISOString()}] ${line}`);

let child: ChildProcess | undefined;
let stopping = false;
let restarts = 0;
let lastExit = '';
const crashes: number[] = [];

function start(): void {
  child = fork(SERVER, process.argv.slice(2), {
    env: { ...process.env, KAIGO_SUPERVISOR_RESTARTS: String(restarts), ...(lastExit ? { KAIGO_SUPERVISOR_LAST_EXIT: lastExit } : {}) },
    execArgv: process.execArgv,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    child = undefined;
    if (stopping || code === 0 || code === 2) process.exit(code ?? 0);
    lastExit = signal ? `signal ${signal}` : `exit code ${code}`;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
    if (crashes.length > MAX_CRASHES_PER_MINUTE) {
      log(`the server ended ${crashes.length} times within a minute (last: ${lastExit}); giving up`);
      process.exit(1);
    }
    restarts += 1;
    log(`the server ended (${lastExit}); restarting it (restart ${restarts})`);
    setTimeout(start, 1_000);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    if (child) child.kill(signal);
    else process.exit(0);
  });
}
start();
