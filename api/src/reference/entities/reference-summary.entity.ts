import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Written by the reference_summary DuckDB job: one row per prefecture per class. */
@Entity({ name: 'reference_summary' })
export class ReferenceSummary {
  @PrimaryColumn({ name: 'prefecture_code', type: 'char', length: 2 })
  prefectureCode: string;

  @PrimaryColumn({ type: 'text' })
  class: string;

  @Column({ type: 'int' })
  municipalities: number;

  @Column({ name: 'job_run_id', type: 'int' })
  jobRunId: number;
}
