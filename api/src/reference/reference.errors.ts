import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const referenceErrors = errorTable({
  noPrefecture: {
    code: ErrorCode.NotFound,
    ja: (code: string) => `都道府県コード ${code} は存在しません`,
    en: (code: string) => `prefecture ${code} not found`,
  },
  noMunicipality: {
    code: ErrorCode.NotFound,
    ja: (code: string) => `市区町村コード ${code} は登録されていません`,
    en: (code: string) => `municipality ${code} not found`,
  },
});
