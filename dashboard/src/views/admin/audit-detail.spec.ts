import { auditDetailText } from './audit-detail.js';

describe('audit details as people read them', () => {
  it('names each detail in Japanese and writes values as words', () => {
    expect(auditDetailText({ changes: { disabled: true }, reason: '異動', sessions_ended: true })).toBe(
      '変更: 無効=はい、理由: 異動、セッション終了: はい',
    );
    expect(auditDetailText({ run_id: 12, as_of: null, mode: 'incremental' })).toBe('実行ID: 12、再計算: 差分のみ');
    expect(auditDetailText(null)).toBe('');
  });
});
