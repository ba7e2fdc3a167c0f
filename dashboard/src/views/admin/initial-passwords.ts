import type { InitialPassword } from '$api/accounts/dto/accounts.responses.js';
import type { ExportContext, TableData } from '../../lib/export/table-data.js';

const ROLE_JA: Record<string, string> = { admin: '管理者', national: '国', prefecture: '都道府県', municipality: '市区町村' };

/** The initial passwords of new accounts as the one download that holds them (codes as text). */
export function initialPasswordsTable(issued: InitialPassword[]): TableData {
  return {
    headers: ['ユーザー名', '役割', '地域コード', '表示名', '初期パスワード'],
    kinds: ['text', 'text', 'code', 'text', 'text'],
    rows: issued.map((i) => [
      { kind: 'text', value: i.username },
      { kind: 'text', value: ROLE_JA[i.role] ?? i.role },
      { kind: 'code', value: i.area_code },
      { kind: 'text', value: i.display_name },
      { kind: 'text', value: i.initial_password },
    ]),
  };
}

export function initialPasswordsContext(importId: number | null, at: string): ExportContext {
  return {
    title: '初期パスワード',
    area: importId ? `取込ID ${importId}` : undefined,
    asOf: at,
    filters: { 注意: 'この一覧は一度だけ作成されます。配布後は安全に破棄してください。初回ログイン時にパスワードの変更が必要です' },
  };
}
