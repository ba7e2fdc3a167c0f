export type DatabaseKind = 'postgresql' | 'embedded';
export const DATABASE_KIND = Symbol('DATABASE_KIND');
