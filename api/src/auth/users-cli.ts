/**
 * `npm run users -- create <username> <admin|national|prefecture|municipality> [prefecture or municipality code]`
 * creates (or resets) an account; the password comes from NEW_PASSWORD or is generated and printed once.
 * Outside demo mode there are no accounts: the first admin is made this way.
 */
import { randomBytes } from 'node:crypto';
import { openCliDataSource } from '../database/cli-data-source.js';
import { parseMunicipalityCode, parsePrefectureCode } from '../core/municipality-code.js';
import { createUser } from './passwords.js';
import { ROLES, type Role } from './user.js';

async function main(): Promise<number> {
  const [command, username, role, scope] = process.argv.slice(2);
  if (command !== 'create' || !username || !ROLES.includes(role as Role) || (['prefecture', 'municipality'].includes(role) && !scope)) {
    console.error('usage: npm run users -- create <username> <admin|national|prefecture|municipality> [prefecture or municipality code]');
    return 2;
  }
  const password = process.env.NEW_PASSWORD ?? randomBytes(12).toString('base64url');
  const { ds, close } = await openCliDataSource();
  try {
    await createUser(ds, {
      username, password, role: role as Role,
      prefectureCode: role === 'prefecture' ? parsePrefectureCode(scope) : null,
      municipalityCode: role === 'municipality' ? parseMunicipalityCode(scope) : null,
    });
    console.log(`user ${username} (${role}${scope ? ` ${scope}` : ''}) ready${process.env.NEW_PASSWORD ? '' : `; password: ${password}`}`);
    return 0;
  } finally {
    await close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error((error as Error).message);
  process.exit(1);
});
