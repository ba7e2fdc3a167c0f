import type pg from 'pg';
import type { DatabaseState } from './database-state.js';
import { firstConnection } from './first-connection.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One connection held for the life of the server: it notices at once when the database goes away (the
 * embedded server's presence lock rides on it), marks the state lost, brings the database back where that
 * is ours to do (the embedded server, on its old port) and reconnects, once a second until it answers.
 */
export class DatabaseWatch {
  private client: pg.Client | undefined;
  private closed = false;
  /** A recovery in flight (close waits for it: a database restarted after the stop would outlive it). */
  private reconnecting: Promise<void> | undefined;

  constructor(
    private readonly state: DatabaseState,
    private readonly connect: () => Promise<pg.Client>,
    private readonly recover: () => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    this.attach(await firstConnection(this.connect));
  }

  /** Stops watching; a recovery in flight (a restart of the database) is waited for, so the caller's stop comes after it. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.reconnecting;
  }

  private attach(client: pg.Client): void {
    this.client = client;
    const lost = (error?: Error) => this.lost(client, error);
    client.on('error', lost);
    client.on('end', () => lost());
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.closed || client !== this.client) return;
    this.client = undefined;
    this.state.markLost();
    this.log(`database connection lost${error ? ` (${error.message})` : ''}; recovering`);
    this.reconnecting = this.reconnect().finally(() => (this.reconnecting = undefined));
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.recover();
        const client = await this.connect();
        if (this.closed) {
          await client.end().catch(() => undefined);
          return;
        }
        this.attach(client);
        this.state.markRecovered();
        this.log(`database back after ${attempt} attempt(s)`);
        return;
      } catch (error) {
        if (attempt % 10 === 1) this.log(`database still unavailable: ${(error as Error).message.split('\n')[0]}`);
        await sleep(1_000);
      }
    }
  }
}
