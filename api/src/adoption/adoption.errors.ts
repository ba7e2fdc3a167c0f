import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const adoptionErrors = errorTable({
  noFiguresOn: {
    code: ErrorCode.NotFound,
    ja: (date: string) => `基準日 ${date} の集計はありません`,
    en: (date: string) => `no adoption figures for ${date}`,
  },
  noMunicipality: {
    code: ErrorCode.NotFound,
    ja: (code: string) => `市区町村コード ${code} の集計はありません`,
    en: (code: string) => `no adoption figures for municipality ${code}`,
  },
  noneOfThese: {
    code: ErrorCode.NotFound,
    ja: (date: string, missing: string[]) => `${date} の集計に次の市区町村コードはありません: ${missing.join('、')}`,
    en: (date: string, missing: string[]) => `no adoption figures on ${date} for: ${missing.join(', ')}`,
  },
  noTrend: { code: ErrorCode.NotFound, ja: () => '推移データがありません', en: () => 'no trend data' },
  monthEndKept: {
    code: ErrorCode.MonthEndKept,
    ja: (date: string) => `月末（${date}）は毎回集計されるため削除できません`,
    en: (date: string) => `month ends (${date}) are computed by every run and cannot be removed`,
  },
});
