/** What an audit row's details say, in Japanese: "理由: 異動、セッション終了: はい" instead of raw JSON. */
const LABELS: Record<string, string> = {
  reason: '理由',
  changes: '変更',
  sessions_ended: 'セッション終了',
  import_id: '取込ID',
  preview_id: 'プレビュー',
  file_name: 'ファイル',
  rows: '行数',
  errors: 'エラー',
  error: 'エラー',
  run_id: '実行ID',
  as_of: '基準日',
  mode: '再計算',
  area: '範囲',
  format: '形式',
  filters: '絞り込み',
  value: '値',
  valid_from: '適用開始',
  removed: '削除',
  tables: '表',
  encoding: '形式',
  status: 'HTTP状態',
  role: '役割',
  area_code: '地域コード',
  disabled: '無効',
  display_name: '表示名',
  email: 'メール',
};
const VALUES: Record<string, string> = { full: '全期間', incremental: '差分のみ', skipped: 'なし', arrow: 'Arrow', json: 'JSON' };

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (Array.isArray(value)) return value.map(valueText).join('・');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${LABELS[k] ?? k}=${valueText(v)}`)
      .join('・');
  return VALUES[String(value)] ?? String(value);
}

export function auditDetailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${LABELS[k] ?? k}: ${valueText(v)}`)
    .join('、');
}
