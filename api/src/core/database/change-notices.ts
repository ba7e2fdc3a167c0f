import pg from 'pg';
import { firstConnection } from './first-connection.js';

/** The PostgreSQL channel every instance of the application listens on. */
export const CHANGES_CHANNEL = 'kaigo_changes';

/**
 * What one process tells the others (and itself) through PostgreSQL, so that no instance serves what
 * another has changed:
 * - figures: a job run wrote summaries, a setting changed, an as-of date was removed — drop cached figures;
 * - account: an account's sessions, role, area or state changed — drop its cached sessions;
 * - session: one session ended (sign-out) — drop it;
 * - resync: this process's listener was away and may have missed notices — every cache drops all it holds (local only).
 */
export type ChangeNotice =
  { kind: 'figures'; reason: string } | { kind: 'account'; user_id: number } | { kind: 'session'; token_hash: string } | { kind: 'resync' };

type Kind = ChangeNotice['kind'];
type Handler<K extends Kind> = (notice: Extract<ChangeNotice, { kind: K }>) => void;

/** Anything that runs SQL: the DataSource, or a transaction's EntityManager (the notice then leaves on commit). */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Publishes a notice; inside a transaction PostgreSQL delivers it only if and when the transaction commits. */
export async function publishChange(executor: SqlExecutor, notice: ChangeNotice): Promise<void> {
  await executor.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The notices this process acts on: handlers by kind, fed by one connection that LISTENs (a server; a CLI
 * publishes but does not listen). A lost connection is retried every second; on its return every handler
 * hears a `resync`, since notices sent meanwhile are gone.
 */
export class ChangeNotices {
  private readonly handlers = new Map<Kind, Set<(notice: ChangeNotice) => void>>();
  private client: pg.Client | undefined;
  private closed = false;
  /** Notices received (for the health endpoint and tests). */
  received = 0;

  on<K extends Kind>(kind: K, handler: Handler<K>): void {
    const set = this.handlers.get(kind) ?? new Set();
    set.add(handler as (notice: ChangeNotice) => void);
    this.handlers.set(kind, set);
  }

  /** Runs the handlers of a notice in this process (what a received notice does). */
  dispatch(notice: ChangeNotice): void {
    for (const handler of this.handlers.get(notice.kind) ?? []) handler(notice);
  }

  async listen(url: string, log: (line: string) => void = () => undefined): Promise<void> {
    this.closed = false;
    await firstConnection(() => this.connect(url, log));
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(url: string, log: (line: string) => void): Promise<void> {
    const client = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      application_name: 'kaigo changes',
    });
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL || !message.payload) return;
      this.received += 1;
      try {
        this.dispatch(JSON.parse(message.payload) as ChangeNotice);
      } catch {
        log(`ignored a change notice that is not JSON: ${message.payload.slice(0, 80)}`);
      }
    });
    const lost = () => this.lost(client, url, log);
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined); // a connection that does not listen is no use: not kept open
      throw error;
    }
    this.client = client;
  }

  private lost(client: pg.Client, url: string, log: (line: string) => void): void {
    if (this.closed || client !== this.client) return;
    this.client = undefined;
    log('change notices: connection lost; reconnecting');
    void (async () => {
      while (!this.closed) {
        await sleep(1_000);
        try {
          await this.connect(url, log);
          this.dispatch({ kind: 'resync' });
          log('change notices: listening again');
          return;
        } catch {
          // the database is still away: try again
        }
      }
    })();
  }
}

export const CHANGE_NOTICES = Symbol('CHANGE_NOTICES');
