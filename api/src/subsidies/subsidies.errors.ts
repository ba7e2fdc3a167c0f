import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const subsidiesErrors = errorTable({
  unknownProgram: {
    code: ErrorCode.InvalidParameter,
    ja: (known: string[]) => `program は連携要件のある事業 ${known.join('、')} のいずれかです`,
    en: (known: string[]) => `program must be one of the programmes with a linkage condition: ${known.join(', ')}`,
    details: (known: string[]) => ({ programs: known }),
  },
  unknownCondition: {
    code: ErrorCode.InvalidParameter,
    ja: (known: string[]) => `condition は ${known.join('、')} のいずれかです`,
    en: (known: string[]) => `condition must be one of ${known.join(', ')}`,
    details: (known: string[]) => ({ conditions: known }),
  },
});
