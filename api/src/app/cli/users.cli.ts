/**
 * `npm run users -- create <username> <admin|national|prefecture|municipality> [prefecture or municipality code]`
 * creates (or resets) an account; the password comes from NEW_PASSWORD or is generated and printed once.
 * Outside demo mode there are no accounts: the first admin is made this way.
 */
import { randomBytes } from 'node:crypto';
import { UsersService } from '../../auth/users.service.js';
import { ROLES, type Role } from '../../auth/user.js';
import { parseMunicipalityCode, parsePrefectureCode } from '../../core/domain/municipality-code.js';
import { runCli } from './cli-context.js';

await runCli(async (app) => {
  const [command, username, role, scope] = process.argv.slice(2);
  if (command !== 'create' || !username || !ROLES.includes(role as Role) || (['prefecture', 'municipality'].includes(role) && !scope)) {
    console.error('usage: npm run users -- create <username> <admin|national|prefecture|municipality> [prefecture or municipality code]');
    return 2;
  }
  const password = process.env.NEW_PASSWORD ?? randomBytes(12).toString('base64url');
  await app.get(UsersService).create({
    username,
    password,
    role: role as Role,
    prefectureCode: role === 'prefecture' ? parsePrefectureCode(scope) : null,
    municipalityCode: role === 'municipality' ? parseMunicipalityCode(scope) : null,
  });
  console.log(`user ${username} (${role}${scope ? ` ${scope}` : ''}) ready${process.env.NEW_PASSWORD ? '' : `; password: ${password}`}`);
  return 0;
});
