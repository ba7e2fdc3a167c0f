import type { SqlExecutor } from './change-notices.js';

/** A scheduled firing: when it was due, to the minute (every instance's cron fires at the same minute). */
export function firingOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/** The schedules every instance runs and only one may fire. */
export type ScheduleName = 'nightly-jobs' | 'nightly-backup';

/** A firing as recorded: the schedule, when it was due, the instance that ran it (GET /api/v1/jobs lists them). */
export interface Firing {
  schedule: ScheduleName;
  fire_at: string;
  instance: string;
}

export interface ScheduleClaim {
  /** This instance claimed the firing and runs it. */
  won: boolean;
  /** The instance that runs it. */
  instance: string;
}

/**
 * Claims one firing of a schedule for an instance: the first claim of (schedule, fire_at) wins, so among
 * the instances on one database exactly one runs it; the others learn which.
 */
export async function claimFiring(executor: SqlExecutor, schedule: ScheduleName, fireAt: Date, instance: string): Promise<ScheduleClaim> {
  for (;;) {
    const [claim] = await tryClaim(executor, schedule, fireAt, instance);
    // Empty only when another instance's claim committed while this statement waited on it: read again.
    if (claim) return claim;
  }
}

async function tryClaim(executor: SqlExecutor, schedule: ScheduleName, fireAt: Date, instance: string): Promise<ScheduleClaim[]> {
  return (await executor.query(
    `WITH claimed AS (
       INSERT INTO schedule_claims (schedule, fire_at, instance) VALUES ($1, $2, $3)
       ON CONFLICT (schedule, fire_at) DO NOTHING RETURNING instance
     )
     SELECT instance, true AS won FROM claimed
     UNION ALL
     SELECT instance, false AS won FROM schedule_claims WHERE schedule = $1 AND fire_at = $2 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    [schedule, fireAt, instance],
  )) as ScheduleClaim[];
}

/** The latest firings and who ran them (for the run history). */
export async function recentFirings(executor: SqlExecutor, limit = 20): Promise<Firing[]> {
  return (await executor.query(`SELECT schedule, fire_at, instance FROM schedule_claims ORDER BY fire_at DESC, schedule LIMIT $1`, [
    limit,
  ])) as Firing[];
}
