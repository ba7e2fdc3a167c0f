import type { ImportKind } from '../import-kind.js';
import { careOfficesImport } from './care-offices/care-offices.import.js';
import { cpdlLicensesImport } from './cpdl-licenses.import.js';
import { standardizationMilestonesImport } from './standardization-milestones.import.js';
import { standardizationSurveyImport } from './standardization-survey.import.js';
import { subsidyGrantsImport } from './subsidy-grants.import.js';
import { cpdlUsageImport } from './cpdl-usage.import.js';
import { accountsImport } from './accounts.import.js';

/** Any kind: each has its own row and context types, which the pipeline treats opaquely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a kind's row and context types vary per kind
export type AnyImportKind = ImportKind<any, any>;

/** Every kind of upload the API accepts, by the name used in /api/v1/imports/<kind>. */
export const IMPORT_KINDS: ReadonlyArray<AnyImportKind> = [
  careOfficesImport,
  cpdlLicensesImport,
  standardizationSurveyImport,
  standardizationMilestonesImport,
  subsidyGrantsImport,
  cpdlUsageImport,
  accountsImport,
];

export function findImportKind(kind: string): AnyImportKind | undefined {
  return IMPORT_KINDS.find((k) => k.kind === kind);
}
