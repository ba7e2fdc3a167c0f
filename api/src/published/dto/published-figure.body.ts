import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { PublishedMeasure } from './published-figures.responses.js';

export const PUBLISHED_MEASURES: PublishedMeasure[] = ['application_rate', 'usage_rate'];

export class CreatePublishedFigureBody {
  @ApiProperty({ enum: PUBLISHED_MEASURES, description: 'the tracked series it stands beside' })
  @IsIn(PUBLISHED_MEASURES)
  measure!: PublishedMeasure;

  @ApiProperty({ description: 'the published rate, 0–1 (7.2% is 0.072)' })
  @IsNumber()
  @Min(0)
  @Max(1)
  value!: number;

  @ApiProperty({ description: 'the date it is of (YYYY-MM-DD) / 基準日' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'as_of must be YYYY-MM-DD' })
  as_of!: string;

  @ApiProperty({ description: 'who published it / 出典' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  source!: string;

  @ApiPropertyOptional({ description: 'http(s) address of the publication' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/\S+$/, { message: 'source_url must be an http(s) address' })
  source_url?: string;

  @ApiPropertyOptional({ description: "the publisher's own words (e.g. 利用事業所 19,283)" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  note?: string;
}
