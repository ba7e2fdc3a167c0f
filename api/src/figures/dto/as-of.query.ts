import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** `?as_of=YYYY-MM-DD`, the one as-of parameter of every summary endpoint (which dates exist: FiguresService). */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD 基準日; default per figure family (README, "As-of dates")', example: '2025-03-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'as_of must be a real date as YYYY-MM-DD' })
  as_of?: string;
}
