import { ErrorCode, errorTable } from '../common/api-error.js';

export const settingsErrors = errorTable({
  notWritableBy: {
    code: ErrorCode.Forbidden,
    ja: (key: string, writableBy: readonly string[]) => `設定 ${key} を変更できるのは ${writableBy.join('・')} です`,
    en: (key: string, writableBy: readonly string[]) => `only ${writableBy.join(', ')} may change ${key}`,
  },
});
