import { parseIsoDate } from '../common/params.js';
import { badRequest } from '../common/api-error.js';

/** Which settings may change, how their value is checked, and which jobs must rerun after a change. */
export const SETTING_RULES: Record<string, { check(value: string): string; jobs: string[] }> = {
  cpdl_target_rate: {
    check(value) {
      const n = Number(value);
      if (!/^0(\.\d{1,4})?$|^1(\.0+)?$/.test(value) || n <= 0) {
        throw badRequest('目標値は 0 より大きく 1 以下の小数で指定してください（例: 0.30）', 'target must be a fraction above 0 and at most 1 (e.g. 0.30)');
      }
      return value;
    },
    jobs: ['adoption'],
  },
  conformance_date: {
    check(value) {
      const date = parseIsoDate(value, 'value');
      if (date < '2026-04-01' || date > '2028-04-01') {
        throw badRequest('適合基準日は 2026-04-01 から 2028-04-01 の間です', 'the conformance date must lie between 2026-04-01 and 2028-04-01');
      }
      return date;
    },
    jobs: ['standardization'],
  },
  law_in_force_date: { check: (value) => parseIsoDate(value, 'value'), jobs: ['standardization'] },
  full_operation_date: { check: (value) => parseIsoDate(value, 'value'), jobs: ['standardization'] },
};
