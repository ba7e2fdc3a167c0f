import { Logger } from '@nestjs/common';

/**
 * The last line of defence in the server process: an error that escaped every handler (a rejected
 * promise nobody awaited, a throw in a callback) is logged and counted, and the process goes on serving.
 * The request it belonged to already got its 500 from the exception filter, or times out on its own.
 */
export const escapedErrors = { count: 0, lastAt: null as string | null };

export function installProcessGuard(logger = new Logger('ProcessGuard')): void {
  const note = (kind: string) => (error: unknown) => {
    escapedErrors.count += 1;
    escapedErrors.lastAt = new Date().toISOString();
    logger.error(`${kind} (the server goes on): ${error instanceof Error ? error.stack : String(error)}`);
  };
  process.on('unhandledRejection', note('unhandled rejection'));
  process.on('uncaughtException', note('uncaught exception'));
}
