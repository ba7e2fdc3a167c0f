import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** `?as_of=YYYY-MM-DD`, the one as-of parameter of every summary endpoint (which dates exist: FiguresService). */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD 基準日; default per figure family (README, "As-of dates")', example: '2025-03-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'as_of must be a real date as YYYY-MM-DD' })
  as_of?: string;

  @ApiPropertyOptional({
    enum: ['exact', 'on_or_before'],
    default: 'exact',
    description:
      'exact: 404 unless as_of is computed; on_or_before: the latest computed date not after as_of (meta.as_of says which) / 基準日以前の直近の集計日',
  })
  @IsOptional()
  @IsIn(['exact', 'on_or_before'])
  as_of_rule?: AsOfRule;
}

export type AsOfRule = 'exact' | 'on_or_before';
