import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from './config/app-config.js';
import { resolveDatabase } from './database/resolve-database.js';
import { installProcessGuard } from './common/process-guard.js';
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
  const stop = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen(config.port, '127.0.0.1').catch(async (error) => {
    await app.close();
    await database.stop();
    throw error;
  });
  const url = `http://localhost:${config.port}`;
  logger.log(`database: ${database.description}`);
  console.log(`\n  介護DX ロールアウトダッシュボード: ${url}\n  API docs: ${url}/api/docs\n`);
}

main().catch((error) => {
  console.error(startupFailure(error));
  process.exit(2);
});
