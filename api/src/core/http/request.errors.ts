import { ErrorCode, errorTable } from './api-error.js';

/** What the request guard refuses before routing, and parameters every route reads the same way. */
export const requestErrors = errorTable({
  /** A parser's own reasons (a code's InvalidCodeError), answered as a parameter error. */
  parserRefused: {
    code: ErrorCode.InvalidParameter,
    ja: (e: { messageJa: string; messageEn: string }) => e.messageJa,
    en: (e: { messageJa: string; messageEn: string }) => e.messageEn,
  },
  notADate: {
    code: ErrorCode.InvalidParameter,
    ja: (name: string, value: unknown) =>
      `${name} は実在する日付を YYYY-MM-DD 形式で指定してください（入力値: "${String(value).slice(0, 20)}"）`,
    en: (name: string, value: unknown) => `${name} must be a real date as YYYY-MM-DD (got "${String(value).slice(0, 20)}")`,
  },
  noCodes: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'codes に市区町村コードを指定してください',
    en: () => 'codes must name at least one municipality code',
  },
  tooManyCodes: {
    code: ErrorCode.InvalidParameter,
    ja: (max: number, got: number) => `比較できるのは ${max} 団体までです（指定: ${got}）`,
    en: (max: number, got: number) => `at most ${max} municipalities can be compared (got ${got})`,
  },
  areaRepeated: {
    code: ErrorCode.InvalidParameter,
    ja: (name: string) => `${name} は1つだけ指定してください`,
    en: (name: string) => `${name} must be given once`,
  },
  areaEmpty: {
    code: ErrorCode.InvalidParameter,
    ja: (name: string) => `${name} が空です。指定しないか、コードを指定してください`,
    en: (name: string) => `${name} is empty: leave it out or give a code`,
  },
  invalidParameters: {
    code: ErrorCode.InvalidParameter,
    ja: (messages: string[]) => `パラメータが不正です: ${messages.join('; ')}`,
    en: (messages: string[]) => `invalid parameter: ${messages.join('; ')}`,
  },
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
