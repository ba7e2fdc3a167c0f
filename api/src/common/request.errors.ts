import { ErrorCode, errorTable } from './api-error.js';

/** What the request guard refuses before routing. */
export const requestErrors = errorTable({
  badlyEncodedUrl: { code: ErrorCode.InvalidParameter, ja: () => 'URL のエンコードが不正です', en: () => 'the URL is not validly encoded' },
  nulCharacter: {
    code: ErrorCode.InvalidParameter,
    ja: () => '入力に NUL 文字（\\0）が含まれています',
    en: () => 'the input contains a NUL character',
  },
  crossSite: {
    code: ErrorCode.CrossSite,
    ja: () => '他のサイトからの操作は受け付けません',
    en: (what: string) => `state-changing requests must come from this application (${what})`,
  },
  notJson: {
    code: ErrorCode.UnsupportedMediaType,
    ja: (got: string, filesToo: boolean) =>
      `本文は JSON（application/json）で送ってください${filesToo ? '（ファイルは multipart/form-data）' : ''}（受信: ${got || 'なし'}）`,
    en: (got: string, filesToo: boolean) =>
      `send the body as application/json${filesToo ? ' (files as multipart/form-data)' : ''} (got ${got || 'none'})`,
  },
});
