import { ErrorCode, errorTable } from '../common/api-error.js';

export const jobsErrors = errorTable({
  /** The runner's own check of a run date (JobAsOfError), answered as a parameter error. */
  badAsOf: {
    code: ErrorCode.InvalidParameter,
    ja: (e: { messageJa: string; messageEn: string }) => e.messageJa,
    en: (e: { messageJa: string; messageEn: string }) => e.messageEn,
  },
  unknownJob: {
    code: ErrorCode.UnknownJob,
    ja: (name: string) => `ジョブ ${name} はありません`,
    en: (name: string) => `unknown job ${name}`,
    details: (_name: string, known: string[]) => ({ jobs: known }),
  },
});
