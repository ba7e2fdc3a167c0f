import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../core/config/app-config.js';
import { join } from 'node:path';
import { AppModule, DASHBOARD_DIST } from './app.module.js';
import { staticAssets } from '../core/http/static-assets.js';
import { BootstrapService } from './bootstrap.service.js';
import { AllExceptionsFilter } from '../core/http/all-exceptions.filter.js';
import { ErrorCode } from '../core/http/api-error.js';
import { globalValidation } from '../core/http/validation.js';
import { noStore, rejectNulInBody, requestGuard, warnOnUntrustedProxy } from '../core/http/request-guard.js';
import type { DatabaseKind } from '../core/config/database-kind.js';
import type { DatabaseState } from '../core/database/database-state.js';

/** Builds the whole application (used by main.ts and by the integration and e2e tests). */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  databaseKind: DatabaseKind,
  databaseState?: DatabaseState,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl, databaseKind, 'server', databaseState),
    {
      logger: config.logLevel === 'error' ? ['error'] : ['error', 'warn', 'log'],
      // Only JSON bodies are parsed (registered below, after the origin check); never form bodies.
      bodyParser: false,
    },
  );
  // Idle keep-alive sockets stay open longer than clients and balancers keep theirs (Node's 5 s default
  // closed sockets a client was reusing at that moment: an ECONNRESET for the request sent on it).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Behind a reverse proxy, the client's address (rate limits, audit) comes from X-Forwarded-For.
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(requestGuard({ behindProxy: config.trustProxy !== false }));
  if (config.trustProxy === false) app.use(warnOnUntrustedProxy((line) => new Logger('Proxy').warn(line)));
  app.useBodyParser('json', { limit: '100kb' });
  app.use(rejectNulInBody);
  app.use(cookieParser());
  app.use(['/api/v1/auth', '/api/v1/admin'], noStore);
  app.use('/assets', staticAssets(join(DASHBOARD_DIST, 'assets')));
  // ETags would hash every response body again; the summaries carry their own as-of and run id.
  app.getHttpAdapter().getInstance().set('etag', false);
  // Password guessing: a few sign-in attempts per minute per address (per account: AuthService).
  app.use(
    '/api/v1/auth/login',
    rateLimit({
      windowMs: 60_000,
      limit: config.loginRateLimit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      message: {
        statusCode: 429,
        code: ErrorCode.RateLimited,
        message: 'too many sign-in attempts; wait a minute',
        message_ja: 'ログインの試行が多すぎます。1分ほど待ってから再試行してください',
      },
    }),
  );
  app.useGlobalPipes(globalValidation());
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('介護DX ロールアウト API').setDescription('Kaigo DX rollout dashboard API').setVersion('1').build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  await app.init();
  await app.get(BootstrapService).prepare();
  return app;
}
