import { writeFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { parseMunicipalityCode, parsePrefectureCode } from '../core/domain/municipality-code.js';
import { AuthService } from '../auth/auth.service.js';
import { generateInitialPassword, hashInitialPassword } from '../auth/passwords.js';
import type { Role, SessionUser } from '../auth/user.js';
import { UsersRepository, type AccountFilter } from '../auth/users.repository.js';
import { ImportsService } from '../imports/imports.service.js';
import { uploadsDir } from '../imports/temporary-files.js';
import { ReferenceRepository } from '../reference/reference.repository.js';
import type { AccountPatch } from './dto/accounts.dto.js';
import type { GeneratedAccount } from './dto/accounts.responses.js';
import { accountsErrors } from './accounts.errors.js';

/** Accounts for the organisations: listing, changes that end sessions, password resets, and one account per area. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    private readonly imports: ImportsService,
    private readonly reference: ReferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(filter: AccountFilter) {
    return this.users.list(filter);
  }

  private async account(id: number) {
    const account = await this.users.byId(id);
    if (!account) throw accountsErrors.noAccount(id);
    return account;
  }

  /** Applies an admin's change; a new role, area or state ends the account's sessions at once. */
  async update(actor: SessionUser, id: number, patch: AccountPatch) {
    const account = await this.account(id);
    const role = patch.role ?? account.role;
    const area = this.area(role, patch.area_code, account);
    const disabled = patch.disabled;
    if (account.id === actor.id && (disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw accountsErrors.ownAccount();
    }
    const email = patch.email === undefined ? undefined : patch.email.trim() === '' ? null : patch.email.trim();
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw accountsErrors.notEmail();
    await this.users.update(id, {
      role: patch.role,
      prefecture_code: area?.prefecture_code,
      municipality_code: area?.municipality_code,
      disabled,
      display_name: patch.display_name === undefined ? undefined : patch.display_name || null,
      email,
    });
    const scopeChanged =
      role !== account.role ||
      (area !== undefined && (area.prefecture_code !== account.prefectureCode || area.municipality_code !== account.municipalityCode));
    const ends = scopeChanged || (disabled !== undefined && disabled !== account.disabled);
    if (ends) await this.auth.endSessionsOf(id);
    else await this.auth.forgetCached(id);
    return { account: await this.users.byId(id), sessions_ended: ends, before: account };
  }

  /** The area columns for a role: none for admin and national, a prefecture, or a municipality (and its prefecture). */
  private area(role: Role, areaCode: string | undefined, current: SessionUser) {
    if (role === 'admin' || role === 'national') return { prefecture_code: null, municipality_code: null };
    const code = areaCode ?? (role === current.role ? (current.municipalityCode ?? current.prefectureCode ?? undefined) : undefined);
    if (!code) throw accountsErrors.areaCodeNeeded();
    try {
      if (role === 'prefecture') return { prefecture_code: parsePrefectureCode(code), municipality_code: null };
      const municipality = parseMunicipalityCode(code);
      return { prefecture_code: municipality.slice(0, 2), municipality_code: municipality };
    } catch (error) {
      throw accountsErrors.badAreaCode(code, (error as Error).message);
    }
  }

  /** A new one-time password, handed back once; the account must change it and its sessions end now. */
  async resetPassword(id: number): Promise<{ username: string; initial_password: string }> {
    const account = await this.account(id);
    const password = generateInitialPassword();
    await this.users.setPassword(id, hashInitialPassword(password), true);
    await this.auth.endSessionsOf(id);
    return { username: account.username, initial_password: password };
  }

  /**
   * One account per prefecture (pref-07, 福島県) and per municipality (muni-072079, 福島県須賀川市), written as an
   * accounts file and previewed like an upload: the admin commits it and gets the initial passwords once.
   */
  async generate(actor: SessionUser, options: { prefectures: boolean; municipalities: boolean }) {
    const accounts = await this.accountsPerArea(options);
    const lines = ['ユーザー名,役割,地域コード,表示名'];
    for (const a of accounts)
      lines.push(`${a.username},${a.role === 'prefecture' ? '都道府県' : '市区町村'},${a.area_code},${a.display_name}`);
    const dir = join(uploadsDir(this.config.dataDir), `generated-${randomBytes(6).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'accounts.csv');
    await writeFile(path, `${lines.join('\r\n')}\r\n`, 'utf8');
    try {
      const report = await this.imports.preview('accounts', {
        files: [{ fileName: 'accounts-per-area.csv', path }],
        uploadedBy: actor.username,
      });
      return { ...report, accounts };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** pref-07 福島県 for each prefecture and muni-072079 福島県須賀川市 for each municipality, marked when already there. */
  private async accountsPerArea(options: { prefectures: boolean; municipalities: boolean }): Promise<GeneratedAccount[]> {
    const prefectures = await this.reference.prefectureNames();
    const accounts: Omit<GeneratedAccount, 'exists'>[] = [];
    if (options.prefectures)
      for (const [code, name] of prefectures)
        accounts.push({ username: `pref-${code}`, role: 'prefecture', area_code: code, display_name: name });
    if (options.municipalities)
      for (const m of await this.reference.currentMunicipalities())
        accounts.push({
          username: `muni-${m.code}`,
          role: 'municipality',
          area_code: m.code,
          display_name: `${prefectures.get(m.prefecture_code) ?? ''}${m.name}`,
        });
    const existing = await this.users.existingUsernames(accounts.map((a) => a.username));
    return accounts.map((a) => ({ ...a, exists: existing.has(a.username) }));
  }
}
