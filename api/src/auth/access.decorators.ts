import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role, SessionUser } from './user.js';

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';
export const SCOPE_KEY = 'access:scope';
export const PASSWORD_CHANGE_KEY = 'access:password-change';

/** No session needed (health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Only these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A check of the user's prefecture or municipality against the request's parameters. */
export type ScopeCheck = (user: SessionUser, req: FastifyRequest) => boolean;
export const Scope = (check: ScopeCheck) => SetMetadata(SCOPE_KEY, check);
/** Answers also while the account must still replace its initial password (who am I, sign-out, the change itself). */
export const AllowBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_KEY, true);
