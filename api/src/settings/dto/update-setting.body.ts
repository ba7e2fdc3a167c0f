import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateSettingBody {
  @ApiProperty({ example: '2027-04-01' })
  @IsString()
  @MaxLength(50)
  value: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD from which the value applies; default today (Asia/Tokyo)' })
  @IsOptional()
  @IsString()
  valid_from?: string;

  @ApiPropertyOptional({ example: '介護保険システム等標準化検討会 決定' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  source?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
