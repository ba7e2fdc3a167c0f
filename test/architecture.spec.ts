import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { IMPORT_KINDS } from '../api/src/imports/kinds/index.js';
import { JOBS } from '../jobs/job-definitions.js';

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

/** Relative imports of a file, resolved to repository paths (e.g. 'api/src/core/domain/dates.ts'). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(
    /import\s+(type\s+)?[^'"]*?from\s+['"]((?:\.{1,2}|\$api)\/[^'"]+)['"]|import\s*\(\s*['"]((?:\.{1,2}|\$api)\/[^'"]+)['"]\s*\)/g,
  )) {
    const spec = m[2] ?? m[3];
    // `$api/…` is the dashboard's alias of api/src (dashboard/vite.config.ts, dashboard/tsconfig.json).
    const path = spec.startsWith('$api/') ? join(API, spec.slice('$api/'.length)) : resolve(dirname(file), spec);
    found.push({ target: relative(ROOT, path).replace(/\.js$/, '.ts'), typeOnly: Boolean(m[1]) });
  }
  return found;
}

const rel = (file: string) => relative(ROOT, file);
/** Where a file sits: 'app', a core layer ('core/database'), a feature ('adoption'), or a top-level folder. */
const area = (path: string) => {
  const m = /^api\/src\/(core\/[^/]+|[^/]+)\//.exec(path);
  return m ? m[1] : path.split('/')[0];
};

/** The core layers, lowest first, and what each may import (besides itself). */
const LOWER: Record<string, string[]> = {
  'core/domain': [],
  'core/config': ['core/domain'],
  'core/migrations': ['core/domain'],
  'core/database': ['core/domain', 'core/config', 'core/migrations'],
  'core/http': ['core/domain', 'core/config', 'core/database'],
};

describe('architecture: dependencies point one way', () => {
  const apiFiles = sourceFiles(API).map((f) => ({ file: rel(f), imports: importsOf(f) }));

  it('the core layers import nothing above them (no feature, no app/)', () => {
    const wrong = apiFiles
      .filter((f) => area(f.file) in LOWER)
      .flatMap((f) =>
        f.imports
          .filter((i) => area(i.target) !== area(f.file) && !LOWER[area(f.file)].includes(area(i.target)))
          .map((i) => `${f.file} → ${i.target}`),
      );
    expect(wrong).toEqual([]);
  });

  it('no feature imports app/ (the entry points, the module that assembles them, the command-line tools)', () => {
    const wrong = apiFiles
      .filter((f) => area(f.file) !== 'app')
      .flatMap((f) => f.imports.filter((i) => area(i.target) === 'app').map((i) => `${f.file} → ${i.target}`));
    expect(wrong).toEqual([]);
  });

  it('the tree says it: api/src holds app/, core/ (its layers only) and feature folders, and core/ serves no route', () => {
    const loose = readdirSync(API).filter((name) => !statSync(join(API, name)).isDirectory());
    expect(loose).toEqual([]);
    expect(readdirSync(join(API, 'core')).sort()).toEqual(
      Object.keys(LOWER)
        .map((l) => l.slice('core/'.length))
        .sort(),
    );
    const routes = sourceFiles(join(API, 'core'), /\.ts$/).filter((f) => /@Controller\(/.test(readFileSync(f, 'utf8')));
    expect(routes.map(rel)).toEqual([]);
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

  it('the dashboard reaches the API through its `$api/` alias, never by climbing directories', () => {
    const climbing = sourceFiles(join(ROOT, 'dashboard', 'src')).filter((f) => /['"](\.\.\/)+api\/src\//.test(readFileSync(f, 'utf8')));
    expect(climbing.map(rel)).toEqual([]);
  });

  it('the dashboard takes from the API only pure core modules and response types', () => {
    const wrong = sourceFiles(join(ROOT, 'dashboard', 'src')).flatMap((f) =>
      importsOf(f)
        .filter((i) => i.target.startsWith('api/'))
        .filter((i) => !(i.target.startsWith('api/src/core/domain/') || (i.typeOnly && /\/dto\/[\w-]+\.responses\.ts$/.test(i.target))))
        .map((i) => `${rel(f)} → ${i.target}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('architecture: only repositories query the database', () => {
  it('`.query(` and `createQueryBuilder` appear only in repositories, migrations and the database layer', () => {
    const wrong = sourceFiles(API, /\.ts$/)
      .map(rel)
      .filter((f) => !/\.repository\.ts$/.test(f) && !f.startsWith('api/src/core/migrations/') && !f.startsWith('api/src/core/database/'))
      .filter((f) => /\.query\(|createQueryBuilder/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(wrong).toEqual([]);
  });

  it('repository methods declare what they return, and it is never `any`', () => {
    const untyped = sourceFiles(API, /\.repository\.ts$/).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(
          ({ line }) =>
            /^ {2}(async )?(?!constructor)[a-zA-Z]\w*(<[^>]*>)?\([^)]*\) \{$/.test(line) ||
            /^\s*(\)|[^/*]*\)):\s*(Promise<)?any\b/.test(line),
        )
        .map(({ line, i }) => `${rel(f)}:${i + 1} ${line.trim()}`),
    );
    expect(untyped).toEqual([]);
  });

  it('the domain rules are pure: no Nest, no database, no file system', () => {
    const wrong = sourceFiles(join(API, 'core', 'domain'), /\.ts$/).filter((f) =>
      /from ['"](@nestjs|typeorm|pg|node:fs|@duckdb)/.test(readFileSync(f, 'utf8')),
    );
    expect(wrong.map(rel)).toEqual([]);
  });
});

describe('architecture: cross-cutting pieces have one place each', () => {
  const apiSources = () => sourceFiles(API, /\.ts$/).filter((f) => !f.endsWith('.spec.ts'));

  it('errors are built only in error tables (`*.errors.ts`: no Japanese/English pair written inline), each status following from its code', () => {
    const wrong = apiSources()
      .filter((f) => !/\.errors\.ts$/.test(f) && rel(f) !== 'api/src/core/http/api-error.ts')
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

/** Which jobs an import runs is said once, by the jobs (sourceImportKinds): these keep it honest. */
describe('architecture: the import → job graph is said once (by the jobs) and agrees with the import kinds', () => {
  const kinds = new Set(IMPORT_KINDS.map((k) => k.kind));

  it('name only import kinds that exist (or the demo load)', () => {
    const unknown = JOBS.flatMap((j) =>
      (j.sourceImportKinds ?? []).filter((k) => k !== 'demo' && !kinds.has(k)).map((k) => `${j.name}: ${k}`),
    );
    expect(unknown).toEqual([]);
  });

  it('leave no kind of figures-bearing data without a job to run after its import (accounts feed none)', () => {
    const fed = new Set(JOBS.flatMap((j) => j.sourceImportKinds ?? []));
    expect([...kinds].filter((k) => !fed.has(k))).toEqual(['accounts']);
  });
});
