import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MunicipalityClass } from '../../core/municipality-class.js';

/** One row per municipality; a merger closes the old row (valid_to) and opens the new one. */
@Entity({ name: 'municipalities' })
export class Municipality {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ name: 'prefecture_code', type: 'char', length: 2 })
  prefectureCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kana: string;

  @Column({ type: 'text' })
  class: MunicipalityClass;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}
