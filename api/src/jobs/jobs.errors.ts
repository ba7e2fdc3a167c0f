import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const jobsErrors = errorTable({
  unknownJob: {
    code: ErrorCode.UnknownJob,
    ja: (name: string) => `ジョブ ${name} はありません`,
    en: (name: string) => `unknown job ${name}`,
    details: (_name: string, known: string[]) => ({ jobs: known }),
  },
  asOfOutOfRange: {
    code: ErrorCode.InvalidParameter,
    ja: (asOf: string, first: string, today: string) =>
      `ジョブの基準日は ${first} から今日（${today}）までの日付です（指定: ${asOf.slice(0, 20)}）`,
    en: (asOf: string, first: string, today: string) =>
      `a job's as_of must lie between ${first} and today (${today}); got ${asOf.slice(0, 20)}`,
  },
});
