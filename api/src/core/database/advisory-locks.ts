import type { EntityManager } from 'typeorm';

/** Namespaces of the two-key advisory locks (pg_advisory_lock(int, int)); the second key names the thing. */
export const LOCK_NAMESPACE = {
  /** A usage month file (key YYYYMM) from the read of what is there to the rename of the merged file. */
  usageMonth: 72_604_241,
  /** A job run (key: its id), held by the process running it for as long as the run lasts. */
  jobRun: 72_604_242,
} as const;

/**
 * Session-level advisory locks on a connection of their own, held until the returned release is called:
 * they outlive the import's transaction, so a file written after the commit is still under the lock.
 * Keys are taken in ascending order so that two holders never wait on each other.
 */
export async function holdLocks(manager: EntityManager, namespace: number, keys: number[]): Promise<() => Promise<void>> {
  const runner = manager.connection.createQueryRunner();
  await runner.connect();
  try {
    for (const key of [...new Set(keys)].sort((a, b) => a - b)) await runner.query('SELECT pg_advisory_lock($1, $2)', [namespace, key]);
  } catch (error) {
    await runner.release();
    throw error;
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      await runner.query('SELECT pg_advisory_unlock_all()');
    } finally {
      await runner.release();
    }
  };
}
