/**
 * Whether the database answers, as the process's watch connection sees it. Caches that stand in for the
 * database (sessions) hold nothing from before the last loss; health reports "recovering" meanwhile.
 */
export type DatabaseStatus = 'up' | 'recovering';

export class DatabaseState {
  status: DatabaseStatus = 'up';
  /** When the database was last lost (ms since the epoch; 0: never). */
  lostAt = 0;
  recoveries = 0;
  lastRecoveredAt: string | null = null;

  markLost(): void {
    if (this.status === 'recovering') return;
    this.status = 'recovering';
    this.lostAt = Date.now();
  }

  markRecovered(): void {
    this.status = 'up';
    this.recoveries += 1;
    this.lastRecoveredAt = new Date().toISOString();
  }

  /** Whether something learnt from the database at `at` (ms) may still stand in for it. */
  trusts(at: number): boolean {
    return this.status === 'up' && at > this.lostAt;
  }
}

export const DATABASE_STATE = Symbol('DATABASE_STATE');
