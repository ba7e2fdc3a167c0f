import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from './api-error.js';
import { isDatabaseUnavailable } from '../database/database-errors.js';

/** Known errors pass through; anything else is a 500 with a bilingual message and no stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Unhandled');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      const payload =
        typeof body === 'object' && body !== null && 'message_ja' in body
          ? body
          : {
              statusCode: status,
              code: CODE_BY_STATUS[status] ?? `HTTP_${status}`,
              message: exception.message,
              message_ja: JAPANESE_STATUS[status] ?? 'エラーが発生しました',
            };
      res.status(status).send(payload);
      return;
    }
    const refused = clientErrorStatus(exception);
    if (refused) {
      // The HTTP server's own refusals (a body it cannot parse or too large, a malformed multipart stream).
      res.status(refused).send({
        statusCode: refused,
        code: CODE_BY_STATUS[refused] ?? `HTTP_${refused}`,
        message: (exception as Error).message,
        message_ja: JAPANESE_STATUS[refused] ?? 'リクエストが不正です',
      });
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      res.status(HttpStatus.SERVICE_UNAVAILABLE).header('Retry-After', '5');
      res.send({
        statusCode: 503,
        code: ErrorCode.DatabaseUnavailable,
        message: 'the database is not reachable right now; try again in a few seconds',
        message_ja: 'データベースに接続できません。数秒後に再試行してください',
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).send({
      statusCode: 500,
      code: ErrorCode.InternalError,
      message: 'internal error; the server log has details',
      message_ja: 'サーバー内部でエラーが発生しました（詳細はサーバーログ）',
    });
  }
}

/** The 4xx status of an error the HTTP server or one of its plugins raised (they carry `statusCode`), if it is one. */
function clientErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: ErrorCode.InvalidParameter,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
};

const JAPANESE_STATUS: Record<number, string> = {
  400: 'リクエストが不正です',
  401: 'ログインが必要です',
  403: 'この操作の権限がありません',
  404: '見つかりません',
  413: 'アップロードされたファイルまたは本文が大きすぎます',
  415: '本文の形式（Content-Type）が受け付けられません',
  429: 'リクエストが多すぎます。しばらく待ってから再試行してください',
};
