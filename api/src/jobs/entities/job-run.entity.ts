import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { JobTrigger } from '../job-runner.js';

export type JobRunStatus = 'running' | 'succeeded' | 'failed';

@Entity({ name: 'job_runs' })
export class JobRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ name: 'as_of', type: 'date', nullable: true })
  asOf: string | null;

  @Column({ type: 'text' })
  trigger: JobTrigger;

  @Column({ type: 'text' })
  status: JobRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'row_counts', type: 'jsonb', nullable: true })
  rowCounts: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
