import { ErrorCode, errorTable } from '../common/api-error.js';

export const jobsErrors = errorTable({
  unknownJob: {
    code: ErrorCode.UnknownJob,
    ja: (name: string) => `ジョブ ${name} はありません`,
    en: (name: string) => `unknown job ${name}`,
    details: (_name: string, known: string[]) => ({ jobs: known }),
  },
});
