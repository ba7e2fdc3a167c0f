import { EmbeddedPostgresError } from '../core/database/embedded-postgres.js';
import { isDatabaseUnavailable } from '../core/database/database-errors.js';

/**
 * A start-up failure as one line that says what went wrong and what to do (no stack trace): what a
 * newcomer sees after `npm start`.
 */
export function startupFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 400);
  const code = (error as { code?: string })?.code;
  if (error instanceof EmbeddedPostgresError)
    return `起動できません / cannot start: ${message} — check DATA_DIR, or set DATABASE_URL to use your own PostgreSQL`;
  if (code === 'EADDRINUSE')
    return `起動できません / cannot start: port in use (${message}) — stop the other server or set PORT to a free port`;
  if (isDatabaseUnavailable(error))
    return `起動できません / cannot start: the database does not answer (${message}) — check DATABASE_URL and that the server runs`;
  if (code === '28P01' || code === '3D000' || code === '28000')
    return `起動できません / cannot start: the database refused us (${message}) — check the user, password and database name in DATABASE_URL`;
  if (code === 'EACCES') return `起動できません / cannot start: permission denied (${message}) — check that DATA_DIR is writable`;
  return `起動できません / cannot start: ${message} — see the lines above; set LOG_LEVEL=debug for more`;
}
