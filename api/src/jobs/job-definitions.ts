import type { JobDefinition } from './job-definition.js';
import { hasUsageFiles, usageGlob } from '../database/usage-parquet-store.js';

export const referenceSummaryJob: JobDefinition = {
  name: 'reference_summary',
  description: 'Municipalities per prefecture and class / 都道府県・区分別の市区町村数',
  inputs: [
    { table: 'municipalities', query: 'SELECT code, prefecture_code, class, valid_from, valid_to FROM municipalities' },
  ],
  sql: ['reference/reference_summary.sql'],
  outputs: [{ from: 'reference_summary', to: 'reference_summary' }],
};

export const adoptionJob: JobDefinition = {
  name: 'adoption',
  description: 'Care-plan data linkage adoption by municipality, prefecture, class and nation / ケアプランデータ連携の導入状況',
  inputs: [
    { table: 'municipalities', query: 'SELECT code, prefecture_code, class, valid_from, valid_to FROM municipalities' },
    { table: 'service_types', query: 'SELECT code, counts_toward_adoption FROM service_types' },
    { table: 'care_offices', query: 'SELECT office_number, service_type_code, municipality_code, designated_on, abolished_on FROM care_offices' },
    { table: 'cpdl_licenses', query: 'SELECT office_number, applied_on, starts_on, ends_on FROM cpdl_licenses' },
    { table: 'settings', query: "SELECT key, value, valid_from, valid_to FROM settings WHERE key = 'cpdl_target_rate'" },
    { table: 'previous_as_of_dates', query: 'SELECT DISTINCT as_of FROM adoption_national' },
  ],
  sql: ['adoption/stg_as_of_dates.sql', 'adoption/adoption_municipality.sql', 'adoption/adoption_rollups.sql'],
  outputs: [
    { from: 'adoption_municipality', to: 'adoption_municipality' },
    { from: 'adoption_prefecture', to: 'adoption_prefecture' },
    { from: 'adoption_class', to: 'adoption_class' },
    { from: 'adoption_national', to: 'adoption_national' },
  ],
  sourceImportKinds: ['care-offices', 'cpdl-licenses', 'demo'],
};

export const standardizationJob: JobDefinition = {
  name: 'standardization',
  description: 'Standardisation survey breakdown, step progress, funnel and at-risk municipalities / 標準化の進捗',
  inputs: [
    { table: 'municipalities', query: 'SELECT code, prefecture_code, class, valid_from, valid_to FROM municipalities' },
    { table: 'survey_rounds', query: 'SELECT round, conducted_on FROM survey_rounds' },
    { table: 'survey_responses', query: 'SELECT round, municipality_code, answered, fy2025_migration, planned_period FROM survey_responses' },
    { table: 'standardization_milestones', query: 'SELECT municipality_code, step, planned_on, completed_on, vendor FROM standardization_milestones' },
    { table: 'settings', query: 'SELECT key, value, valid_from, valid_to FROM settings' },
  ],
  sql: [
    'standardization/survey_breakdown.sql',
    'standardization/stg_key_dates.sql',
    'standardization/standardization_progress.sql',
    'standardization/standardization_at_risk.sql',
  ],
  outputs: [
    { from: 'survey_breakdown', to: 'survey_breakdown' },
    { from: 'standardization_progress', to: 'standardization_progress' },
    { from: 'standardization_funnel', to: 'standardization_funnel' },
    { from: 'standardization_at_risk', to: 'standardization_at_risk' },
  ],
  sourceImportKinds: ['standardization-survey', 'standardization-milestones', 'demo'],
};

export const subsidiesJob: JobDefinition = {
  name: 'subsidies',
  description: 'Subsidy utilisation, the linkage-start condition and the effect on adoption / 補助金の活用状況',
  inputs: [
    { table: 'subsidy_programs', query: 'SELECT code, category, condition_deadline FROM subsidy_programs' },
    { table: 'subsidy_grants', query: 'SELECT fiscal_year, prefecture_code, municipality_code, office_number, program_code, amount, decided_on FROM subsidy_grants' },
    { table: 'care_offices', query: 'SELECT office_number, name, service_type_code, municipality_code FROM care_offices' },
    { table: 'service_types', query: 'SELECT code, counts_toward_adoption FROM service_types' },
    { table: 'cpdl_licenses', query: 'SELECT office_number, applied_on FROM cpdl_licenses' },
    { table: 'adoption_municipality', query: 'SELECT as_of, municipality_code, target_offices, applied_offices FROM adoption_municipality' },
  ],
  sql: ['subsidies/subsidy_summary.sql', 'subsidies/subsidy_compliance.sql', 'subsidies/subsidy_effect.sql'],
  outputs: [
    { from: 'subsidy_summary', to: 'subsidy_summary' },
    { from: 'subsidy_compliance', to: 'subsidy_compliance' },
    { from: 'subsidy_effect', to: 'subsidy_effect' },
  ],
  sourceImportKinds: ['subsidy-grants', 'cpdl-licenses', 'care-offices', 'demo'],
};

export const usageJob: JobDefinition = {
  name: 'usage',
  description: 'Active use of the care-plan data linkage from the monthly exchange logs / 月次利用実績',
  inputs: [
    { table: 'service_types', query: 'SELECT code, counts_toward_adoption FROM service_types' },
    { table: 'care_offices', query: 'SELECT office_number, service_type_code, municipality_code, designated_on, abolished_on FROM care_offices' },
    { table: 'cpdl_licenses', query: 'SELECT office_number, starts_on, ends_on FROM cpdl_licenses' },
  ],
  parquetInputs: [{ table: 'cpdl_usage', glob: usageGlob, exists: hasUsageFiles, columns: 'office_number VARCHAR, month VARCHAR, sent BIGINT, received BIGINT' }],
  sql: ['usage/usage_summary.sql'],
  outputs: [
    { from: 'usage_municipality', to: 'usage_municipality' },
    { from: 'usage_prefecture', to: 'usage_prefecture' },
    { from: 'usage_national', to: 'usage_national' },
  ],
  sourceImportKinds: ['cpdl-usage', 'cpdl-licenses', 'care-offices', 'demo'],
};

/** Every job the scheduler and `npm run job` know, by name, in dependency order. */
export const JOBS: ReadonlyArray<JobDefinition> = [referenceSummaryJob, adoptionJob, standardizationJob, subsidiesJob, usageJob];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
