import { duplicateKeyErrors } from '../csv-table.js';
import { FieldError, type RowError } from '../import-errors.js';
import * as p from '../field-parsers.js';
import type { ImportNotes } from '../import-notes.js';
import { RowRuleError, type ImportKind, type ParsedRow } from '../import-kind.js';
import type { MunicipalityDirectory } from '../municipality-directory.js';
import type { ExistingAccount } from '../import-store.repository.js';
import { generateInitialPassword, hashInitialPassword } from '../../auth/passwords.js';
import { ROLES, type Role } from '../../auth/user.js';
import type { InitialPassword } from '../../accounts/dto/accounts.responses.js';

export type { InitialPassword };

/** One account of a bulk upload (user list of the organisations that use the dashboard). */
export interface AccountRow {
  username: string;
  role: Role;
  prefecture_code: string | null;
  municipality_code: string | null;
  display_name: string | null;
  email: string | null;
}

interface Context {
  directory: MunicipalityDirectory;
  notes: ImportNotes;
  existing: Map<string, ExistingAccount>;
  issued: InitialPassword[];
}

const ROLE_NAMES: Record<string, Role> = {
  admin: 'admin',
  管理者: 'admin',
  national: 'national',
  国: 'national',
  厚生労働省: 'national',
  prefecture: 'prefecture',
  都道府県: 'prefecture',
  municipality: 'municipality',
  市区町村: 'municipality',
};

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

function username(value: string): string {
  const v = value.trim().normalize('NFKC').toLowerCase();
  if (!USERNAME.test(v))
    throw new FieldError(
      'ユーザー名は半角英小文字・数字と . _ - で3〜64文字にしてください',
      'a username has 3 to 64 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit',
    );
  return v;
}

function email(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) || v.length > 200)
    throw new FieldError('メールアドレスの形式ではありません', 'not an email address');
  return v;
}

const same = (a: ExistingAccount, b: AccountRow) =>
  a.role === b.role && a.prefecture_code === b.prefecture_code && a.municipality_code === b.municipality_code;

/**
 * Accounts in bulk (admin only): one row per account; every new account gets a one-time initial password that
 * must be changed at the first sign-in. An account that exists with the same role and area is unchanged (so
 * the same file again changes nothing); with another role or area it is refused — that is a change for the
 * users page, where it ends the account's sessions.
 */
export const accountsImport: ImportKind<AccountRow, Context> = {
  kind: 'accounts',
  labelJa: 'アカウント（一括作成）',
  roles: ['admin'],
  columns: [
    { key: 'username', header: 'ユーザー名', aliases: ['username'], parse: username },
    { key: 'role', header: '役割', aliases: ['role'], parse: (v) => p.oneOf(v.trim(), ROLE_NAMES, { ja: '役割', en: 'role' }) },
    { key: 'area_code', header: '地域コード', aliases: ['area_code'], optional: true, parse: (v) => v.trim() },
    { key: 'display_name', header: '表示名', aliases: ['display_name'], optional: true, parse: (v) => p.optionalText(v, 100) },
    { key: 'email', header: 'メールアドレス', aliases: ['email'], optional: true, parse: email },
  ],

  async prepare(store, _parameters, env): Promise<Context> {
    return { directory: await store.municipalityDirectory(), notes: env.notes, existing: await store.existingAccounts(), issued: [] };
  },

  toRow(cells, ctx) {
    const role = cells.role as Role;
    const area = String(cells.area_code ?? '');
    const base = {
      username: String(cells.username),
      role,
      display_name: (cells.display_name as string | null) ?? null,
      email: (cells.email as string | null) ?? null,
    };
    if (role === 'admin' || role === 'national') {
      if (area)
        throw new RowRuleError(
          '地域コード',
          `${role === 'admin' ? '管理者' : '国'}のアカウントに地域コードは付けません`,
          `a ${role} account has no area code`,
        );
      return { ...base, prefecture_code: null, municipality_code: null };
    }
    if (!area)
      throw new RowRuleError(
        '地域コード',
        '都道府県・市区町村のアカウントには地域コードが必要です',
        'a prefecture or municipality account needs an area code',
      );
    if (role === 'prefecture') {
      const prefecture = ctx.directory.prefectureCode(area);
      if (!prefecture || !/^\d{1,2}$/.test(area.normalize('NFKC')))
        throw new RowRuleError('地域コード', '都道府県コード（01〜47）を書いてください', 'write a prefecture code (01 to 47)');
      return { ...base, prefecture_code: prefecture, municipality_code: null };
    }
    const municipality = ctx.directory.resolve(area, '地域コード', ctx.notes);
    return { ...base, prefecture_code: ctx.directory.prefectureOf(municipality) ?? null, municipality_code: municipality };
  },

  async checkRows(rows: ParsedRow<AccountRow>[], ctx): Promise<RowError[]> {
    const errors = duplicateKeyErrors(rows, (r) => r.username, 'ユーザー名', 'ユーザー名', 'username');
    for (const { row, value } of rows) {
      const existing = ctx.existing.get(value.username);
      if (existing && !same(existing, value))
        errors.push({
          row,
          column: 'ユーザー名',
          value: value.username,
          reason_ja: '同じユーザー名のアカウントが別の役割・地域で既にあります（変更は利用者の管理画面で）',
          reason_en: 'an account with this username exists with another role or area (change it on the users page)',
        });
    }
    return errors;
  },

  async write(store, rows, importId, ctx) {
    const fresh = rows.filter((r) => !ctx.existing.has(r.username));
    const issued = fresh.map((r) => ({ row: r, password: generateInitialPassword() }));
    await store.createAccounts(
      issued.map(({ row, password }) => ({ ...row, password_hash: hashInitialPassword(password) })),
      importId,
    );
    ctx.issued = issued.map(({ row, password }) => ({
      username: row.username,
      role: row.role,
      area_code: row.municipality_code ?? row.prefecture_code,
      display_name: row.display_name,
      initial_password: password,
    }));
    return { inserted: fresh.length, updated: 0, unchanged: rows.length - fresh.length, handback: ctx.issued };
  },
};

export const ACCOUNT_ROLES = ROLES;
