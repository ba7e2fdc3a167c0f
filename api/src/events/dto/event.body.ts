import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { EVENT_KIND_NAMES, MAX_EVENT_TITLE, type EventKind } from '../../core/domain/policy-events.js';

export class CreateEventBody {
  @ApiProperty({ description: 'the day it happened or happens (YYYY-MM-DD) / 日付' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'occurred_on must be YYYY-MM-DD' })
  occurred_on!: string;

  @ApiProperty({ description: 'what happened, shown on the charts / 出来事', maxLength: MAX_EVENT_TITLE })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_EVENT_TITLE)
  title!: string;

  @ApiProperty({ enum: EVENT_KIND_NAMES })
  @IsIn(EVENT_KIND_NAMES)
  kind!: EventKind;

  @ApiPropertyOptional({ description: 'where it is published (e.g. 介護保険最新情報 Vol.1454) / 出典' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ description: 'http(s) address of the source' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^https?:\/\/\S+$/, { message: 'source_url must be an http(s) address' })
  source_url?: string;

  @ApiPropertyOptional({ description: 'the prefecture whose charts show it (a prefecture account: its own, the default)' })
  @IsOptional()
  @IsString()
  prefecture_code?: string;

  @ApiPropertyOptional({ description: 'the municipality whose charts show it (a municipality account: its own, the default)' })
  @IsOptional()
  @IsString()
  municipality_code?: string;
}
