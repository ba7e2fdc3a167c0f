import { HttpException, HttpStatus } from '@nestjs/common';

/** Every error the API returns carries a code and a message in Japanese and English. */
export enum ErrorCode {
  InvalidParameter = 'INVALID_PARAMETER',
  NotFound = 'NOT_FOUND',
  NoDataForDate = 'NO_DATA_FOR_DATE',
  ImportRejected = 'IMPORT_REJECTED',
  UnknownJob = 'UNKNOWN_JOB',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  CrossSite = 'CROSS_SITE_REQUEST',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  AccountLocked = 'ACCOUNT_LOCKED',
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  WeakPassword = 'WEAK_PASSWORD',
  /** Undo of an import that is not standing (rejected, undone already). */
  ImportNotStanding = 'IMPORT_NOT_STANDING',
  /** Undo refused: later imports changed or refer to the same rows. */
  UndoBlocked = 'UNDO_BLOCKED',
  PreviewCommitted = 'PREVIEW_ALREADY_COMMITTED',
  /** An admin may not disable or demote their own account. */
  OwnAccount = 'OWN_ACCOUNT_PROTECTED',
  /** Month-end as-of dates are recomputed by every run and cannot be removed. */
  MonthEndKept = 'MONTH_END_NOT_REMOVABLE',
  StalePreview = 'STALE_PREVIEW',
  NotUndoable = 'NOT_UNDOABLE',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  AuditUnavailable = 'AUDIT_UNAVAILABLE',
  PreviewExpired = 'PREVIEW_EXPIRED',
  InternalError = 'INTERNAL_ERROR',
}

/** One mapping from code to HTTP status: a code means the same thing wherever it is answered. */
const STATUS_OF: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.InvalidParameter]: HttpStatus.BAD_REQUEST,
  [ErrorCode.WeakPassword]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.NoDataForDate]: HttpStatus.NOT_FOUND,
  [ErrorCode.UnknownJob]: HttpStatus.NOT_FOUND,
  [ErrorCode.ImportRejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.Unauthorized]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.CrossSite]: HttpStatus.FORBIDDEN,
  [ErrorCode.PasswordChangeRequired]: HttpStatus.FORBIDDEN,
  [ErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.AccountLocked]: HttpStatus.LOCKED,
  [ErrorCode.ImportNotStanding]: HttpStatus.CONFLICT,
  [ErrorCode.UndoBlocked]: HttpStatus.CONFLICT,
  [ErrorCode.PreviewCommitted]: HttpStatus.CONFLICT,
  [ErrorCode.OwnAccount]: HttpStatus.CONFLICT,
  [ErrorCode.MonthEndKept]: HttpStatus.CONFLICT,
  [ErrorCode.StalePreview]: HttpStatus.CONFLICT,
  [ErrorCode.NotUndoable]: HttpStatus.CONFLICT,
  [ErrorCode.PreviewExpired]: HttpStatus.GONE,
  [ErrorCode.DatabaseUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.AuditUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.InternalError]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Built only through a feature's error table (`errorTable`): its status follows from its code. */
export class ApiError extends HttpException {
  constructor(code: ErrorCode, messageJa: string, messageEn: string, details?: Record<string, unknown>) {
    const status = STATUS_OF[code];
    super({ statusCode: status, code, message: messageEn, message_ja: messageJa, ...details }, status);
  }
}

/** One error of a feature: its code and what it says, in Japanese and English, from the same arguments. */
export interface ErrorEntry<Args extends unknown[]> {
  code: ErrorCode;
  ja: (...args: Args) => string;
  en: (...args: Args) => string;
  details?: (...args: Args) => Record<string, unknown>;
}

/** Of two argument lists where one extends the other, the longer (a message may use fewer arguments than another). */
type Longer<A extends unknown[], B extends unknown[]> = B extends [...A, ...unknown[]] ? B : A;
type Args<E> = E extends { ja: (...a: infer J) => string; en: (...a: infer N) => string }
  ? Longer<Longer<J, N>, E extends { details: (...a: infer D) => unknown } ? D : []>
  : never;
type ErrorMakers<T> = { [K in keyof T]: (...args: Args<T[K]>) => ApiError };

/**
 * A feature's errors in one table (`auth.errors.ts`, …): services and guards throw `authErrors.accountLocked(until)`
 * and never spell a message pair inline.
 */
export function errorTable<T extends Record<string, ErrorEntry<never[]>>>(table: T): ErrorMakers<T> {
  return Object.fromEntries(
    Object.entries(table).map(([name, e]) => [
      name,
      (...args: never[]) => new ApiError(e.code, e.ja(...args), e.en(...args), e.details?.(...args)),
    ]),
  ) as unknown as ErrorMakers<T>;
}
