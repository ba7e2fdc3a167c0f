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

export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, messageJa: string, messageEn: string, details?: Record<string, unknown>) {
    super({ statusCode: status, code, message: messageEn, message_ja: messageJa, ...details }, status);
  }
}

export const badRequest = (ja: string, en: string, details?: Record<string, unknown>) =>
  new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, ja, en, details);
export const notFound = (ja: string, en: string, details?: Record<string, unknown>) =>
  new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, ja, en, details);
