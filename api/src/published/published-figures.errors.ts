import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const publishedFiguresErrors = errorTable({
  noFigure: { code: ErrorCode.NotFound, ja: (id: number) => `公表値 ${id} はありません`, en: (id: number) => `no published figure ${id}` },
});
