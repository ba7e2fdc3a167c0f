import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layering README describes, enforced: a new import that points the wrong way, or a query written
 * outside a repository, fails here with the file and the import named.
 */
const ROOT = process.cwd();
const API = join(ROOT, 'api', 'src');

function sourceFiles(dir: string, pattern = /\.(ts|svelte)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path, pattern);
    return pattern.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to repository paths (e.g. 'api/src/core/dates.ts'). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(
    /import\s+(type\s+)?[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[2] ?? m[3];
    const target = relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
    found.push({ target, typeOnly: Boolean(m[1]) });
  }
  return found;
}

const rel = (file: string) => relative(ROOT, file);
const area = (path: string) => {
  const m = /^api\/src\/([^/]+)\//.exec(path);
  return m ? m[1] : path.split('/')[0];
};

/** Lower layers and what each may import (besides itself). */
const LOWER: Record<string, string[]> = {
  core: [],
  config: ['core'],
  database: ['core', 'config', 'migrations'],
  migrations: ['core'],
  common: ['core', 'config', 'database'],
};
const ENTRY_POINTS = [
  'api/src/main.ts',
  'api/src/server.ts',
  'api/src/startup-failure.ts',
  'api/src/create-app.ts',
  'api/src/app.module.ts',
  'api/src/bootstrap.service.ts',
];

describe('architecture: dependencies point one way', () => {
  const apiFiles = sourceFiles(API).map((f) => ({ file: rel(f), imports: importsOf(f) }));

  it('core, config, database, migrations and common import nothing above them', () => {
    const wrong = apiFiles
      .filter((f) => area(f.file) in LOWER)
      .flatMap((f) =>
        f.imports
          .filter((i) => area(i.target) !== area(f.file) && !LOWER[area(f.file)].includes(area(i.target)))
          .map((i) => `${f.file} → ${i.target}`),
      );
    expect(wrong).toEqual([]);
  });

  it('no feature imports the entry points or the command-line tools', () => {
    const wrong = apiFiles
      .filter((f) => !ENTRY_POINTS.includes(f.file) && area(f.file) !== 'cli')
      .flatMap((f) =>
        f.imports.filter((i) => ENTRY_POINTS.includes(i.target) || area(i.target) === 'cli').map((i) => `${f.file} → ${i.target}`),
      );
    expect(wrong).toEqual([]);
  });

  it('the API never imports the dashboard, the tests or the scripts', () => {
    const wrong = apiFiles.flatMap((f) =>
      f.imports.filter((i) => /^(dashboard|test|scripts)\//.test(i.target)).map((i) => `${f.file} → ${i.target}`),
    );
    expect(wrong).toEqual([]);
  });

  it('the top-level jobs/ (the runner, the job definitions, DuckDB) imports nothing from the API: the API calls it, never the reverse', () => {
    const files = sourceFiles(join(ROOT, 'jobs'));
    expect(files.length).toBeGreaterThan(0);
    const wrong = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => !i.target.startsWith('jobs/'))
        .map((i) => `${rel(f)} → ${i.target}`),
    );
    expect(wrong).toEqual([]);
  });

  it('the dashboard takes from the API only pure core modules and response types', () => {
    const wrong = sourceFiles(join(ROOT, 'dashboard', 'src')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target.startsWith('api/'))
        .filter((i) => !(i.target.startsWith('api/src/core/') || (i.typeOnly && /\/dto\/[\w-]+\.responses\.ts$/.test(i.target))))
        .map((i) => `${rel(f)} → ${i.target}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('architecture: only repositories query the database', () => {
  it('`.query(` and `createQueryBuilder` appear only in repositories, migrations and the database layer', () => {
    const wrong = sourceFiles(API, /\.ts$/)
      .map(rel)
      .filter((f) => !/\.repository\.ts$/.test(f) && !f.startsWith('api/src/migrations/') && !f.startsWith('api/src/database/'))
      .filter((f) => /\.query\(|createQueryBuilder/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(wrong).toEqual([]);
  });

  it('repository methods declare what they return', () => {
    const untyped = sourceFiles(API, /\.repository\.ts$/).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => /^ {2}(async )?(?!constructor)[a-zA-Z]\w*(<[^>]*>)?\([^)]*\) \{$/.test(line))
        .map(({ line, i }) => `${rel(f)}:${i + 1} ${line.trim()}`),
    );
    expect(untyped).toEqual([]);
  });

  it('the core modules are pure: no Nest, no database, no file system', () => {
    const wrong = sourceFiles(join(API, 'core'), /\.ts$/).filter((f) =>
      /from ['"](@nestjs|typeorm|pg|node:fs|@duckdb)/.test(readFileSync(f, 'utf8')),
    );
    expect(wrong.map(rel)).toEqual([]);
  });
});

describe('architecture: cross-cutting pieces have one place each', () => {
  const apiSources = () => sourceFiles(API, /\.ts$/).filter((f) => !f.endsWith('.spec.ts'));

  it('errors are built only in error tables (`*.errors.ts`: no Japanese/English pair written inline), each status following from its code', () => {
    const wrong = apiSources()
      .filter((f) => !/\.errors\.ts$/.test(f) && rel(f) !== 'api/src/common/api-error.ts')
      .filter((f) => /new ApiError\(|errorTable\(/.test(readFileSync(f, 'utf8')));
    expect(wrong.map(rel)).toEqual([]);
  });

  it('no controller assembles an audit row: handlers declare @Audited and the interceptor writes it', () => {
    const wrong = apiSources()
      .filter((f) => /\.controller\.ts$/.test(f))
      .filter((f) => /audit\.record(OrRefuse)?\(/.test(readFileSync(f, 'utf8')));
    expect(wrong.map(rel)).toEqual([]);
  });

  it('controllers take the signed-in user through @CurrentUser(), not by reading the request', () => {
    const wrong = apiSources()
      .filter((f) => /\.controller\.ts$/.test(f))
      .filter((f) => /req\.user\b|SignedInRequest/.test(readFileSync(f, 'utf8')));
    expect(wrong.map(rel)).toEqual([]);
  });
});
