import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertTopic } from './dto/notifications.responses.js';

/**
 * One thing a topic tracks — a municipality, or an office under a condition — with where it lies (so only
 * the users of that area hear of it) and what a message calls it. Present in a topic's state = "in" it.
 */
export interface AlertSubject {
  subject: string;
  municipality_code: string;
  prefecture_code: string;
  name: string;
  detail: string | null;
}

/** What alerts compare against: the subjects each topic last saw, and whether it has a baseline yet. */
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

  states(tx: EntityManager, topic: AlertTopic): Promise<AlertSubject[]> {
    return tx.query(
      `SELECT subject, municipality_code, left(municipality_code, 2) AS prefecture_code, name, detail FROM alert_states WHERE topic = $1`,
      [topic],
    );
  }

  /** Replaces the topic's state with what this run shows, and records the run as its baseline. */
  async replace(tx: EntityManager, topic: AlertTopic, subjects: AlertSubject[], runId: number, asOf: string): Promise<void> {
    await tx.query(`DELETE FROM alert_states WHERE topic = $1`, [topic]);
    if (subjects.length)
      await tx.query(
        `INSERT INTO alert_states (topic, subject, municipality_code, name, detail)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])`,
        [
          topic,
          subjects.map((s) => s.subject),
          subjects.map((s) => s.municipality_code),
          subjects.map((s) => s.name),
          subjects.map((s) => s.detail),
        ],
      );
    await tx.query(
      `INSERT INTO alert_baselines (topic, job_run_id, as_of) VALUES ($1, $2, $3)
       ON CONFLICT (topic) DO UPDATE SET job_run_id = $2, as_of = $3, evaluated_at = now()`,
      [topic, runId, asOf],
    );
  }
}
