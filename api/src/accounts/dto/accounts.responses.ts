import type { Role } from '../../auth/user.js';

/** Response shapes of /api/v1/admin/users and of a bulk accounts commit (declared once; the dashboard imports them). */
/** An account as the admin pages list it (never its password hash). */
export interface AccountView {
  id: number;
  username: string;
  role: Role;
  prefecture_code: string | null;
  municipality_code: string | null;
  area_name: string | null;
  display_name: string | null;
  email: string | null;
  disabled: boolean;
  is_demo: boolean;
  must_change_password: boolean;
  locked_until: string | null;
  created_at: string;
  password_changed_at: string | null;
  last_sign_in: string | null;
  sessions: number;
}

/** Handed back once after the commit (never stored, never logged): who got which one-time password. */
export interface InitialPassword {
  username: string;
  role: Role;
  area_code: string | null;
  display_name: string | null;
  initial_password: string;
}

/** One account the per-area bulk creation would make, or finds already there (the preview lists them all). */
export interface GeneratedAccount {
  username: string;
  role: 'prefecture' | 'municipality';
  area_code: string;
  display_name: string;
  /** Already there: the commit leaves it as it is. */
  exists: boolean;
}
