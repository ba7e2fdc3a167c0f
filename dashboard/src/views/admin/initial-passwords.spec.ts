import { initialPasswordsTable } from './initial-passwords.js';

describe('initialPasswordsTable', () => {
  it('lists each account once with its code as text', () => {
    const table = initialPasswordsTable([
      {
        username: 'muni-012203',
        role: 'municipality',
        area_code: '012203',
        display_name: '北海道士別市',
        initial_password: 'abcd-efgh-jkmn-pqrs',
      },
      { username: 'pref-07', role: 'prefecture', area_code: '07', display_name: '福島県', initial_password: 'wxyz-2345-6789-abcd' },
    ]);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0][2]).toEqual({ kind: 'code', value: '012203' });
    expect(table.rows[1].map((c) => c.value)).toEqual(['pref-07', '都道府県', '07', '福島県', 'wxyz-2345-6789-abcd']);
  });
});
