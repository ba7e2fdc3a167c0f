import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const figuresErrors = errorTable({
  notComputedYet: {
    code: ErrorCode.NotFound,
    ja: (label: { ja: string; en: string }, job?: string) =>
      `${label.ja}の集計がまだありません${job ? `（${job} ジョブを実行してください）` : ''}`,
    en: (label: { ja: string; en: string }, job?: string) => `no ${label.en} figures yet${job ? ` (run the ${job} job)` : ''}`,
  },
  noDataForDate: {
    code: ErrorCode.NoDataForDate,
    ja: (date: string, label: { ja: string; en: string }, dates: string[]) =>
      `基準日 ${date} の${label.ja}の集計はありません。集計済みの基準日: ${dates[0] ?? 'なし'} 〜 ${dates.at(-1) ?? 'なし'}`,
    en: (date: string, label: { ja: string; en: string }) =>
      `no ${label.en} figures for ${date}; computed dates are listed in available_dates`,
    details: (_date: string, _label: { ja: string; en: string }, dates: string[]) => ({ available_dates: dates }),
  },
});
