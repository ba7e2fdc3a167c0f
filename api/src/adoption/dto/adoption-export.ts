import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { AdoptionMeasures } from './adoption.responses.js';

/** `GET /api/v1/adoption/municipalities/export`: every municipality × month end, or what each column means. */
export class AdoptionExportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'dictionary'], default: 'csv', description: 'csv: the data; dictionary: what each column means' })
  @IsOptional()
  @IsIn(['csv', 'dictionary'])
  format?: 'csv' | 'dictionary';
}

/** One row of the bulk download: adoption_municipality's measures on a month end, with names. */
export interface AdoptionExportRow extends AdoptionMeasures {
  as_of: string;
  prefecture_code: string;
  prefecture_name: string;
  municipality_code: string;
  municipality_name: string;
  class: string;
}

/** The columns of the bulk download, in order: the header written, and what the data dictionary says of each. */
export const ADOPTION_EXPORT_COLUMNS: { key: keyof AdoptionExportRow; header: string; meaning: string }[] = [
  { key: 'as_of', header: '基準日', meaning: '集計の基準日（月末、YYYY-MM-DD）' },
  { key: 'prefecture_code', header: '都道府県コード', meaning: '2桁の都道府県コード' },
  { key: 'prefecture_name', header: '都道府県', meaning: '都道府県名' },
  { key: 'municipality_code', header: '市区町村コード', meaning: '6桁の全国地方公共団体コード（検査数字付き）。政令指定都市は市全体' },
  { key: 'municipality_name', header: '市区町村', meaning: '市区町村名（総務省「都道府県コード及び市区町村コード」の表記）' },
  { key: 'class', header: '区分', meaning: '政令指定都市・特別区・中核市・市・町・村' },
  { key: 'target_offices', header: '対象事業所数', meaning: '基準日に指定を受けている、導入率の対象となるサービスの事業所数（分母）' },
  {
    key: 'applied_offices',
    header: '申請事業所数',
    meaning: '基準日までにケアプランデータ連携システムの利用を申請した対象事業所数（分子）',
  },
  { key: 'in_force_offices', header: 'ライセンス有効事業所数', meaning: '基準日にライセンスが有効な対象事業所数' },
  { key: 'application_rate', header: '申請率', meaning: '申請事業所数 ÷ 対象事業所数（0〜1の比。対象事業所がない市区町村は空欄）' },
  { key: 'usage_rate', header: '利用率', meaning: 'ライセンス有効事業所数 ÷ 対象事業所数（0〜1の比）' },
  { key: 'target_rate', header: '目標', meaning: '目標とする申請率（0.3 = 30%）' },
  { key: 'meets_target', header: '目標達成', meaning: '申請率が目標以上なら 1、未満なら 0、対象事業所がなければ空欄' },
  { key: 'offices_needed', header: '目標までの事業所数', meaning: '目標に届くまでにあと何事業所の申請が必要か（達成済みは 0）' },
];
