export type DatabaseKind = 'postgresql' | 'embedded (PGlite)';
export const DATABASE_KIND = Symbol('DATABASE_KIND');
