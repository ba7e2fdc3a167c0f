import type { FastifyRequest } from 'fastify';

export const ROLES = ['admin', 'national', 'prefecture', 'municipality'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the request carries it. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  prefectureCode: string | null;
  municipalityCode: string | null;
  /** An initial or reset password: only the password change (and /me, sign-out) answers until it is replaced. */
  mustChangePassword?: boolean;
  displayName?: string | null;
}

/** A request past the auth guard: it carries the signed-in user. */
export type SignedInRequest = FastifyRequest & { user: SessionUser };
