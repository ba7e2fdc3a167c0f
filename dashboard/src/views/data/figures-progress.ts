import type { AnsweredJob, ImportFigures } from '$api/imports/dto/imports.responses.js';
import type { JobProgress } from '$api/jobs/dto/jobs.responses.js';
import { getJson } from '../../lib/api.js';
import { jobLabel } from './job-labels.js';

/** A job as an answer or the progress states it. */
export type JobState = Pick<AnsweredJob | JobProgress, 'name' | 'status'>;

const JOB_STATUS_JA: Record<string, string> = { queued: '待機中', running: '実行中', succeeded: '完了', failed: '失敗' };

/** "導入状況（申請率・利用率） 完了、補助金 実行中 …" */
export const jobsText = (jobs: JobState[]) =>
  jobs.map((j) => `${jobLabel(j.name)} ${JOB_STATUS_JA[j.status] ?? j.status}`).join('、');

/**
 * An upload or undo answers on commit and its jobs run after: this asks every second whether the figures
 * include it yet, calling back with each answer, until every job has taken it in (or `signal` aborts).
 */
export async function followFigures(importId: number, onProgress: (figures: ImportFigures) => void, signal?: AbortSignal): Promise<ImportFigures> {
  for (;;) {
    const { data } = await getJson<{ data: ImportFigures }>(`/api/v1/imports/${importId}/figures`, {}, signal);
    onProgress(data);
    if (data.done) return data;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (signal?.aborted) throw signal.reason;
  }
}
