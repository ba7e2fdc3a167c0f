import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'prefectures' })
export class Prefecture {
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kana: string;

  @Column({ type: 'text' })
  region: string;
}
