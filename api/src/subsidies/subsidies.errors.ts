import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const subsidiesErrors = errorTable({
  unknownCondition: {
    code: ErrorCode.InvalidParameter,
    ja: (known: string[]) => `condition は ${known.join('、')} のいずれかです`,
    en: (known: string[]) => `condition must be one of ${known.join(', ')}`,
    details: (known: string[]) => ({ conditions: known }),
  },
});
