import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { BootstrapService } from '../bootstrap.service.js';
import { loadConfigOrExit, type AppConfig } from '../../core/config/app-config.js';
import { resolveDatabase } from '../../core/database/resolve-database.js';

/**
 * Runs a command-line tool inside the same Nest application as the server (the same services, so an
 * import from the CLI takes the very path of an upload), on the configured database: DATABASE_URL, or
 * the embedded server under DATA_DIR, joined when the API is running. Exits with the tool's code.
 */
export async function runCli(tool: (app: INestApplicationContext, config: AppConfig) => Promise<number>): Promise<never> {
  const config = loadConfigOrExit();
  let code = 1;
  const database = await resolveDatabase(config, (line) => console.error(line));
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url, database.kind, 'cli', database.state), {
      logger: ['error', 'warn'],
    });
    try {
      await app.get(BootstrapService).prepareForCli();
      code = await tool(app, config);
    } finally {
      await app.close();
    }
  } catch (error) {
    console.error((error as Error).message);
  } finally {
    await database.stop();
  }
  process.exit(code);
}
