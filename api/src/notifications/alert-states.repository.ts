import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertTopic } from './dto/notifications.responses.js';

/** A municipality's state on a topic, as the last evaluation saw it (present = at risk / meeting the target). */
export interface AlertState {
  municipality_code: string;
  detail: string | null;
}

/** What alerts compare against: the state each topic last saw, and whether it has a baseline yet. */
@Injectable()
export class AlertStatesRepository {
  /** Serialises evaluations of a topic across instances for the rest of the transaction. */
  async lock(tx: EntityManager, topic: AlertTopic): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`alerts:${topic}`]);
  }

  async hasBaseline(tx: EntityManager, topic: AlertTopic): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM alert_baselines WHERE topic = $1`, [topic]);
    return rows.length > 0;
  }

  states(tx: EntityManager, topic: AlertTopic): Promise<AlertState[]> {
    return tx.query(`SELECT municipality_code, detail FROM alert_states WHERE topic = $1`, [topic]);
  }

  /** Replaces the topic's states with what this run shows, and records the run as its baseline. */
  async replace(tx: EntityManager, topic: AlertTopic, states: AlertState[], runId: number, asOf: string): Promise<void> {
    await tx.query(`DELETE FROM alert_states WHERE topic = $1`, [topic]);
    if (states.length)
      await tx.query(
        `INSERT INTO alert_states (topic, municipality_code, detail)
         SELECT $1, code, detail FROM unnest($2::text[], $3::text[]) AS s(code, detail)`,
        [topic, states.map((s) => s.municipality_code), states.map((s) => s.detail)],
      );
    await tx.query(
      `INSERT INTO alert_baselines (topic, job_run_id, as_of) VALUES ($1, $2, $3)
       ON CONFLICT (topic) DO UPDATE SET job_run_id = $2, as_of = $3, evaluated_at = now()`,
      [topic, runId, asOf],
    );
  }
}
