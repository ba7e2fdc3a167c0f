import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/user.js';
import { OptionalIntParam } from '../../core/http/dto/int-param.js';

export class AccountsQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: '07' })
  @IsOptional()
  @IsString()
  prefecture?: string;

  @ApiPropertyOptional({ description: 'username, display name, area name or code / ユーザー名・表示名・地域名' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  disabled?: 'true' | 'false';

  @ApiPropertyOptional({ default: 100, maximum: 2000 })
  @OptionalIntParam(1, 2000)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @OptionalIntParam(0)
  offset?: number;
}

/** What an admin may change on an account; any change of role, area or state ends its sessions. */
export class AccountPatch {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'prefecture (2 digits) or municipality (6 digits) code for those roles' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  area_code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  display_name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ description: 'why (kept in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

/** A password reset says why (kept in the audit log): it ends the account's sessions and hands out a new password. */
export class PasswordResetBody {
  @ApiProperty({ description: 'why the password is reset (kept in the audit log) / 再発行の理由' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  reason!: string;
}

export class GenerateAccountsBody {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  prefectures?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  municipalities?: boolean;
}
