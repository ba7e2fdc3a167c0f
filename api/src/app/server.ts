import type { Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import type { AppConfig } from '../core/config/app-config.js';
import { Lifecycle } from '../health/lifecycle.js';
import { loadConfigOrExit } from '../core/config/app-config.js';
import { resolveDatabase } from '../core/database/resolve-database.js';
import { installProcessGuard } from '../core/http/process-guard.js';
import { startupFailure } from './startup-failure.js';
import { createApp } from './create-app.js';

/** The server process (run by the supervisor in main.ts; can be run alone too). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = new Logger('Main');
  const database = await resolveDatabase(config, (line) => logger.warn(line), { supervise: true });
  const app = await createApp(config, database.url, database.kind, database.state).catch(async (error) => {
    await database.stop();
    throw error;
  });
  installProcessGuard();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return; // Ctrl-C reaches both the supervisor and this process: one stop
    stopping = true;
    await drainAndClose(app, config, (line) => logger.log(`${signal}: ${line}`));
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.port, config.host).catch(async (error) => {
    await app.close();
    await database.stop();
    throw error;
  });
  const url = `http://localhost:${config.port}`;
  logger.log(`database: ${database.description}`);
  console.log(`\n  介護DX ロールアウトダッシュボード: ${url}\n  API docs: ${url}/api/docs\n`);
}

/**
 * A graceful stop: readiness answers "draining" for SHUTDOWN_DRAIN_SECONDS while requests are still served
 * (a load balancer moves away), then the port closes, idle connections end and in-flight requests (uploads
 * included) get up to SHUTDOWN_TIMEOUT_SECONDS to finish before the rest are cut.
 */
async function drainAndClose(app: INestApplication, config: AppConfig, log: (line: string) => void): Promise<void> {
  app.get(Lifecycle).startDrain();
  if (config.shutdown.drainMs > 0) {
    log(`draining for ${config.shutdown.drainMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, config.shutdown.drainMs));
  }
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve) => {
    const cut = setTimeout(() => {
      log(`requests still open after ${config.shutdown.timeoutMs} ms: closing them`);
      server.closeAllConnections();
      resolve();
    }, config.shutdown.timeoutMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
  log('no request open; stopping');
  await app.close().catch(() => undefined); // its server is closed already
}

main().catch((error) => {
  console.error(startupFailure(error));
  process.exit(2);
});
