import { ErrorCode, errorTable } from '../core/http/api-error.js';

/** What refuses an upload, a preview's commit or an undo before any row is read (a rejected file answers its report). */
export const importsErrors = errorTable({
  noFile: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'file フィールドに CSV または xlsx ファイルを添付してください',
    en: () => 'attach the CSV or xlsx as the multipart field "file"',
  },
  fileTooLarge: {
    code: ErrorCode.PayloadTooLarge,
    ja: (limitMb: number) => `ファイルが大きすぎます（上限 ${limitMb} MB）`,
    en: (limitMb: number) => `file too large (the limit is ${limitMb} MB)`,
  },
  tooManyParts: {
    code: ErrorCode.PayloadTooLarge,
    ja: (files: number) => `一度にアップロードできるのはファイル ${files} 件と少数の項目までです`,
    en: (files: number) => `an upload holds at most ${files} files and a few fields`,
  },
  fileInOtherField: {
    code: ErrorCode.InvalidParameter,
    ja: (field: string) => `ファイルは file フィールドに添付してください（${field.slice(0, 100)} には添付できません）`,
    en: (field: string) => `attach files as the multipart field "file" (not "${field.slice(0, 100)}")`,
  },
  multipartUnreadable: {
    code: ErrorCode.InvalidParameter,
    ja: () => 'アップロードの本文（multipart/form-data）を読み取れません。途中で切れているか、形式が正しくありません',
    en: (reason: string) => `the multipart body could not be read (${reason.slice(0, 200)})`,
  },
  unknownField: {
    code: ErrorCode.InvalidParameter,
    ja: (field: string, allowed: string[]) =>
      `不明なフィールド ${field} があります（受け付けるフィールド: file${allowed.map((a) => `, ${a}`).join('')}）`,
    en: (field: string, allowed: string[]) => `unknown field ${field} (accepted: file${allowed.map((a) => `, ${a}`).join('')})`,
  },
  fieldNotOnceAsText: {
    code: ErrorCode.InvalidParameter,
    ja: (field: string) => `フィールド ${field} は1回だけ、文字列で送ってください（重複または入れ子）`,
    en: (field: string) => `field ${field} must be sent once, as text (it was repeated or nested)`,
  },
  notBoolean: {
    code: ErrorCode.InvalidParameter,
    ja: (name: string) => `${name} は true または false で指定してください`,
    en: (name: string) => `${name} must be true or false`,
  },
  noImport: {
    code: ErrorCode.NotFound,
    ja: (id: number) => `取込ID ${id} はありません`,
    en: (id: number) => `import ${id} not found`,
  },
  noPreview: {
    code: ErrorCode.NotFound,
    ja: (id: string) => `プレビュー ${id.slice(0, 30)} はありません`,
    en: (id: string) => `no preview ${id.slice(0, 30)}`,
  },
  adminsOnly: {
    code: ErrorCode.Forbidden,
    ja: (label: string) => `「${label}」は管理者だけが取り込めます`,
    en: (_label: string, kind: string, roles: readonly string[]) => `only ${roles.join(', ')} may upload ${kind}`,
  },
  unknownKind: {
    code: ErrorCode.NotFound,
    ja: (name: string) => `取込の種類 ${name} はありません`,
    en: (name: string) => `unknown import kind ${name}`,
    details: (_name: string, kinds: string[]) => ({ kinds }),
  },
  notStanding: {
    code: ErrorCode.ImportNotStanding,
    ja: (id: number, status: string) => `取込 ${id} は取り消せる状態ではありません（${status}）`,
    en: (id: number, status: string) => `import ${id} is ${status}, not a standing import`,
  },
  kindNotUndoable: {
    code: ErrorCode.NotUndoable,
    ja: (label: string) => `この種類の取込（${label}）は取り消せません`,
    en: (_label: string, kind: string) => `an import of kind ${kind} cannot be undone`,
  },
  noUndoLog: {
    code: ErrorCode.NotUndoable,
    ja: (id: number) =>
      `取込 ${id} には取り消しに使う変更記録がありません（変更記録の導入前の取込か、行を変更しなかった取込です）。取り消せません`,
    en: (id: number) => `import ${id} has no undo log (made before the log existed, or it changed no row); it cannot be undone`,
  },
  laterImportsChanged: {
    code: ErrorCode.UndoBlocked,
    ja: (blocking: number[]) =>
      `後の取込（取込ID ${blocking.join(', ')}）が同じ行を変更しているため取り消せません。先にそれらを取り消してください`,
    en: (blocking: number[]) => `later imports (${blocking.join(', ')}) changed the same rows; undo them first`,
    details: (blocking: number[]) => ({ blocking_import_ids: blocking }),
  },
  laterImportsReferTo: {
    code: ErrorCode.UndoBlocked,
    ja: (blocking: number[], column: string, value: string) =>
      `後の取込（取込ID ${blocking.join(', ')}）がこの取込で追加された行（${column} ${value}）を参照しているため取り消せません。先にそれらを取り消してください`,
    en: (blocking: number[], column: string, value: string) =>
      `later imports (${blocking.join(', ')}) refer to a row this import added (${column} ${value}); undo them first`,
    details: (blocking: number[]) => ({ blocking_import_ids: blocking }),
  },
  previewCommitted: {
    code: ErrorCode.PreviewCommitted,
    ja: (importId: number) => `このプレビューは取り込み済みです（取込ID ${importId}）`,
    en: (importId: number) => `this preview was committed already (import ${importId})`,
  },
  previewExpired: {
    code: ErrorCode.PreviewExpired,
    ja: () => 'プレビューの有効期限が切れました。もう一度アップロードしてください',
    en: () => 'the preview has expired; upload the files again',
  },
  stalePreview: {
    code: ErrorCode.StalePreview,
    ja: (current: number | string) =>
      `プレビューの後に別の取込（取込ID ${current}）があったため、内容が変わっている可能性があります。もう一度プレビューしてください`,
    en: (current: number | string) => `another import (${current}) succeeded after this preview; preview again`,
  },
});
