export const ROLES = ['admin', 'national', 'prefecture', 'municipality'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the request carries it. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  prefectureCode: string | null;
  municipalityCode: string | null;
}
