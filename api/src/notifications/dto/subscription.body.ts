import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** A user's subscriptions and the address e-mail goes to (null: お知らせ only). */
export class SubscriptionBody {
  @ApiProperty({ required: false, nullable: true, example: 'tanto@pref.fukushima.lg.jp' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ description: '月次ダイジェスト（月末の集計の後）' })
  @IsBoolean()
  digest_monthly!: boolean;

  @ApiProperty({ description: '週次ダイジェスト（週の最初の夜間集計の後）' })
  @IsBoolean()
  digest_weekly!: boolean;

  @ApiProperty({
    description:
      'アラート（遅延リスクの該当・解消、目標30%の到達・割り込み、年度末までの到達見込み、補助金の連携要件の期限超過、管理者にはジョブの失敗）',
  })
  @IsBoolean()
  alerts!: boolean;
}

/** The token of an unsubscribe link (or in the query, as a mail client's one-click POST sends it). */
export class UnsubscribeBody {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiProperty({ required: false, description: 'RFC 8058: a mail client posts List-Unsubscribe=One-Click as a form' })
  @IsOptional()
  @IsIn(['One-Click'])
  'List-Unsubscribe'?: string;
}
