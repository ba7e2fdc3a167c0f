import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const notificationsErrors = errorTable({
  noMessage: { code: ErrorCode.NotFound, ja: (id: number) => `お知らせ ${id} はありません`, en: (id: number) => `no notification ${id}` },
  badUnsubscribeLink: {
    code: ErrorCode.InvalidParameter,
    ja: () => '配信停止のリンクが無効です（途中で切れているか、書き換えられています）。お知らせの配信設定から変更してください',
    en: () => 'this unsubscribe link is not valid (cut short or altered); change the subscription on the お知らせ page',
  },
});
