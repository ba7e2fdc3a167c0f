import type { ImportKind } from '../import-kind.js';
import { careOfficesImport } from './care-offices.import.js';
import { cpdlLicensesImport } from './cpdl-licenses.import.js';
import { standardizationMilestonesImport } from './standardization-milestones.import.js';
import { standardizationSurveyImport } from './standardization-survey.import.js';
import { subsidyGrantsImport } from './subsidy-grants.import.js';
import { cpdlUsageImport } from './cpdl-usage.import.js';

/** Every kind of upload the API accepts, by the name used in /api/v1/imports/<kind>. */
export const IMPORT_KINDS: ReadonlyArray<ImportKind<any, any>> = [
  careOfficesImport,
  cpdlLicensesImport,
  standardizationSurveyImport,
  standardizationMilestonesImport,
  subsidyGrantsImport,
  cpdlUsageImport,
];

export function findImportKind(kind: string): ImportKind<any, any> | undefined {
  return IMPORT_KINDS.find((k) => k.kind === kind);
}
