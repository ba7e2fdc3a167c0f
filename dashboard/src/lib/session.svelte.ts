import { ApiRequestError, getJson } from './api.js';

export interface SessionUser {
  id: number;
  username: string;
  role: 'admin' | 'national' | 'prefecture' | 'municipality';
  prefectureCode: string | null;
  municipalityCode: string | null;
  /** An initial or reset password: the dashboard shows only the password change until it is replaced. */
  mustChangePassword?: boolean;
  displayName?: string | null;
}

export const ROLE_LABELS: Record<SessionUser['role'], string> = {
  admin: '管理者',
  national: '国（老健局）',
  prefecture: '都道府県',
  municipality: '市区町村',
};

/** The signed-in user; the dashboard hides what the role cannot open (the API enforces it regardless). */
class Session {
  user = $state<SessionUser | null>(null);
  checked = $state(false);

  get nationwide(): boolean {
    return this.user?.role === 'admin' || this.user?.role === 'national';
  }

  canOpenPrefecture(code: string): boolean {
    return this.nationwide || (this.user?.role === 'prefecture' && this.user.prefectureCode === code);
  }

  canOpenMunicipality(code: string): boolean {
    if (this.nationwide) return true;
    if (this.user?.role === 'prefecture') return code.slice(0, 2) === this.user.prefectureCode;
    return this.user?.municipalityCode === code;
  }

  async refresh(): Promise<void> {
    try {
      this.user = (await getJson<{ data: SessionUser }>('/api/v1/auth/me')).data;
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) throw error;
      this.user = null;
    } finally {
      this.checked = true;
    }
  }

  async login(username: string, password: string): Promise<string | undefined> {
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) return (await res.json().catch(() => ({}))).message_ja ?? 'ログインできませんでした';
    await this.refresh();
    return undefined;
  }

  /** Replaces the password; answers the API's message when it is refused. */
  async changePassword(current: string, next: string): Promise<string | undefined> {
    const res = await fetch('/api/v1/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current_password: current, new_password: next }),
    });
    if (!res.ok) return (await res.json().catch(() => ({}))).message_ja ?? 'パスワードを変更できませんでした';
    await this.refresh();
    return undefined;
  }

  async logout(): Promise<void> {
    await fetch('/api/v1/auth/logout', { method: 'POST' });
    this.user = null;
  }
}

export const session = new Session();
