import { ErrorCode, errorTable } from '../common/api-error.js';

export const subsidiesErrors = errorTable({
  unknownCondition: {
    code: ErrorCode.InvalidParameter,
    ja: (known: string[]) => `condition は ${known.join('、')} のいずれかです`,
    en: (known: string[]) => `condition must be one of ${known.join(', ')}`,
    details: (known: string[]) => ({ conditions: known }),
  },
});
