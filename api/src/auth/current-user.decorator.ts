import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SignedInRequest } from './user.js';

/** The signed-in user (the auth guard put it on the request; public routes get undefined). */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<SignedInRequest>().user,
);
