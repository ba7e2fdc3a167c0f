import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { requestErrors } from './request.errors.js';

/** One bilingual 400 for every DTO that fails validation. */
export function validationError(errors: ValidationError[]) {
  const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  return requestErrors.invalidParameters(messages);
}

/** The pipe every route gets (create-app.ts). */
export const globalValidation = () =>
  new ValidationPipe({ transform: true, forbidUnknownValues: false, exceptionFactory: validationError });

/** For bodies that change something: a field the DTO does not know is an error, not silently ignored (a typo would change nothing and answer 200). */
export const strictBody = () =>
  new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, exceptionFactory: validationError });
