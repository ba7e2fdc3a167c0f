import { ApiRequestError, getJson, request, sendJson } from './api.js';

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

/** Where an account lands when it signs in: a prefecture's or municipality's own page, else the nation's. */
export function homePath(user: Pick<SessionUser, 'role' | 'prefectureCode' | 'municipalityCode'>): string {
  if (user.role === 'municipality' && user.municipalityCode) return `/municipalities/${user.municipalityCode}`;
  if (user.role === 'prefecture' && user.prefectureCode) return `/prefectures/${user.prefectureCode}`;
  return '/';
}

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
    return this.#post('/api/v1/auth/login', { username, password }, 'ログインできませんでした');
  }

  /** Replaces the password; answers the API's message when it is refused. */
  async changePassword(current: string, next: string): Promise<string | undefined> {
    return this.#post('/api/v1/auth/password', { current_password: current, new_password: next }, 'パスワードを変更できませんでした');
  }

  /** A sign-in or password change: undefined when it succeeded (the session is then read again), else why not. */
  async #post(path: string, body: unknown, fallback: string): Promise<string | undefined> {
    const res = await sendJson(`POST`, path, body);
    if (!res.ok) return res.body.message_ja ?? fallback;
    await this.refresh();
    return undefined;
  }

  /** Why the last sign-out did not happen (shown beside the button), or undefined. */
  logoutError = $state<string | undefined>(undefined);

  /** Signs out; when the server cannot be reached the session stays, and logoutError says so. */
  async logout(): Promise<void> {
    this.logoutError = undefined;
    try {
      const res = await request('/api/v1/auth/logout', { method: 'POST' });
      if (!res.ok && res.status !== 401) {
        this.logoutError = `ログアウトできませんでした（HTTP ${res.status}）。もう一度お試しください`;
        return;
      }
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      this.logoutError = 'サーバーに接続できないため、ログアウトできませんでした。接続が戻ってからもう一度お試しください';
      return;
    }
    this.user = null;
  }
}

export const session = new Session();
