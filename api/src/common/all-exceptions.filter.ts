import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** Known errors pass through; anything else is a 500 with a bilingual message and no stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Unhandled');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      const payload =
        typeof body === 'object' && body !== null && 'message_ja' in body
          ? body
          : { statusCode: status, message: exception.message, message_ja: JAPANESE_STATUS[status] ?? 'エラーが発生しました', detail: body };
      res.status(status).json(payload);
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'internal error; the server log has details',
      message_ja: 'サーバー内部でエラーが発生しました（詳細はサーバーログ）',
    });
  }
}

const JAPANESE_STATUS: Record<number, string> = {
  400: 'リクエストが不正です',
  401: 'ログインが必要です',
  403: 'この操作の権限がありません',
  404: '見つかりません',
  413: 'アップロードされたファイルが大きすぎます',
  429: 'リクエストが多すぎます。しばらく待ってから再試行してください',
};
