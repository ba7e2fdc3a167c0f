import { ErrorCode, errorTable } from '../common/api-error.js';

export const adoptionErrors = errorTable({
  monthEndKept: {
    code: ErrorCode.MonthEndKept,
    ja: (date: string) => `月末（${date}）は毎回集計されるため削除できません`,
    en: (date: string) => `month ends (${date}) are computed by every run and cannot be removed`,
  },
});
