import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const officesErrors = errorTable({
  municipalityNotInPrefecture: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'municipality はその都道府県の市区町村を指定してください',
    en: () => 'municipality is not in prefecture',
  },
});
