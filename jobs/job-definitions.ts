import type { JobDefinition } from './job-definition.js';
import { usageFiles } from './engine/usage-parquet-store.js';

/** The monthly exchange logs (Parquet files under DATA_DIR/cpdl_usage). */
const usageParquet = {
  table: 'cpdl_usage',
  files: usageFiles,
  columns: 'office_number VARCHAR, month VARCHAR, sent BIGINT, received BIGINT',
  writtenBy: ['cpdl-usage', 'demo'],
};

export const referenceSummaryJob: JobDefinition = {
  name: 'reference_summary',
  description: 'Municipalities per prefecture and class / 都道府県・区分別の市区町村数',
  inputs: [{ table: 'municipalities', sql: 'inputs/municipalities.sql' }],
  sql: ['reference/reference_summary.sql'],
  outputs: [{ from: 'reference_summary', to: 'reference_summary' }],
  incremental: { basis: ['municipalities'] },
};

export const adoptionJob: JobDefinition = {
  name: 'adoption',
  description: 'Care-plan data linkage adoption by municipality, prefecture, class and nation / ケアプランデータ連携の導入状況',
  inputs: [
    { table: 'municipalities', sql: 'inputs/municipalities.sql' },
    { table: 'service_types', sql: 'inputs/service_types.sql' },
    { table: 'care_offices', sql: 'inputs/care_offices.sql' },
    { table: 'cpdl_licenses', sql: 'inputs/cpdl_licenses.sql' },
    { table: 'settings', sql: 'inputs/settings.sql' },
    { table: 'previous_as_of_dates', sql: 'inputs/previous_adoption_dates.sql' },
  ],
  sql: [
    'staging/stg_adoption_dates.sql',
    'staging/stg_counted_offices.sql',
    'adoption/adoption_municipality.sql',
    'adoption/adoption_rollups.sql',
  ],
  outputs: [
    { from: 'adoption_municipality', to: 'adoption_municipality' },
    { from: 'adoption_prefecture', to: 'adoption_prefecture' },
    { from: 'adoption_class', to: 'adoption_class' },
    { from: 'adoption_national', to: 'adoption_national' },
  ],
  sourceImportKinds: ['care-offices', 'cpdl-licenses', 'demo'],
  incremental: {
    basis: ['municipalities', 'service_types', 'settings'],
    partition: { column: 'as_of', computed: 'stg_adoption_dates' },
    runDateAddsDates: true,
  },
};

export const standardizationJob: JobDefinition = {
  name: 'standardization',
  description: 'Standardisation survey breakdown, step progress, funnel and at-risk municipalities / 標準化の進捗',
  inputs: [
    { table: 'municipalities', sql: 'inputs/municipalities.sql' },
    { table: 'survey_rounds', sql: 'inputs/survey_rounds.sql' },
    { table: 'survey_responses', sql: 'inputs/survey_responses.sql' },
    { table: 'standardization_milestones', sql: 'inputs/standardization_milestones.sql' },
    { table: 'settings', sql: 'inputs/settings.sql' },
  ],
  sql: [
    'staging/stg_key_dates.sql',
    'staging/stg_progress_dates.sql',
    'standardization/survey_breakdown.sql',
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
    { table: 'subsidy_programs', sql: 'inputs/subsidy_programs.sql' },
    { table: 'subsidy_conditions', sql: 'inputs/subsidy_conditions.sql' },
    { table: 'subsidy_program_conditions', sql: 'inputs/subsidy_program_conditions.sql' },
    { table: 'subsidy_grants', sql: 'inputs/subsidy_grants.sql' },
    { table: 'care_offices', sql: 'inputs/care_offices.sql' },
    { table: 'service_types', sql: 'inputs/service_types.sql' },
    { table: 'cpdl_licenses', sql: 'inputs/cpdl_licenses.sql' },
    { table: 'adoption_municipality', sql: 'inputs/adoption_municipality.sql' },
  ],
  // A usage-report condition is met by the exchange logs.
  parquetInputs: [usageParquet],
  sql: [
    'staging/stg_counted_offices.sql',
    'staging/stg_office_names.sql',
    'staging/stg_subsidy_conditions.sql',
    'subsidies/subsidy_summary.sql',
    'subsidies/subsidy_compliance.sql',
    'subsidies/subsidy_effect.sql',
  ],
  outputs: [
    { from: 'subsidy_summary', to: 'subsidy_summary' },
    { from: 'subsidy_compliance', to: 'subsidy_compliance' },
    { from: 'subsidy_effect', to: 'subsidy_effect' },
  ],
  sourceImportKinds: ['subsidy-grants', 'cpdl-licenses', 'care-offices', 'cpdl-usage', 'demo'],
};

export const usageJob: JobDefinition = {
  name: 'usage',
  description: 'Active use of the care-plan data linkage from the monthly exchange logs / 月次利用実績',
  inputs: [
    { table: 'service_types', sql: 'inputs/service_types.sql' },
    { table: 'care_offices', sql: 'inputs/care_offices.sql' },
    { table: 'cpdl_licenses', sql: 'inputs/cpdl_licenses.sql' },
  ],
  parquetInputs: [usageParquet],
  sql: ['staging/stg_counted_offices.sql', 'staging/stg_usage_months.sql', 'usage/usage_summary.sql'],
  outputs: [
    { from: 'usage_municipality', to: 'usage_municipality' },
    { from: 'usage_prefecture', to: 'usage_prefecture' },
    { from: 'usage_national', to: 'usage_national' },
  ],
  sourceImportKinds: ['cpdl-usage', 'cpdl-licenses', 'care-offices', 'demo'],
  incremental: {
    basis: ['service_types'],
    partition: { column: 'as_of', computed: 'stg_usage_months' },
    prunesParquetByMonth: true,
  },
};

export const officesJob: JobDefinition = {
  name: 'offices',
  description: 'Office-level outreach list: licence, recent exchanges and the subsidy condition per office / 事業所別の働きかけリスト',
  inputs: [
    { table: 'service_types', sql: 'inputs/service_types.sql' },
    { table: 'care_offices', sql: 'inputs/care_offices.sql' },
    { table: 'cpdl_licenses', sql: 'inputs/cpdl_licenses.sql' },
    { table: 'subsidy_conditions', sql: 'inputs/subsidy_conditions.sql' },
    { table: 'subsidy_program_conditions', sql: 'inputs/subsidy_program_conditions.sql' },
    { table: 'subsidy_grants', sql: 'inputs/subsidy_grants.sql' },
  ],
  parquetInputs: [usageParquet],
  sql: [
    'staging/stg_counted_offices.sql',
    'staging/stg_office_names.sql',
    'staging/stg_subsidy_conditions.sql',
    'offices/office_outreach.sql',
  ],
  outputs: [
    { from: 'office_outreach_window', to: 'office_outreach_window' },
    { from: 'office_outreach', to: 'office_outreach' },
  ],
  sourceImportKinds: ['care-offices', 'cpdl-licenses', 'subsidy-grants', 'cpdl-usage', 'demo'],
  // A list of the current state: recomputed whole when data changed or the calendar passed one of its dates
  // (writing back only the offices whose values changed), skipped on a night when neither happened.
  incremental: {
    basis: ['service_types', 'subsidy_conditions', 'subsidy_program_conditions'],
    calendar: 'inputs/office_list_dates.sql',
  },
};

/** Every job the scheduler and `npm run job` know, by name, in dependency order. */
export const JOBS: ReadonlyArray<JobDefinition> = [
  referenceSummaryJob,
  adoptionJob,
  standardizationJob,
  subsidiesJob,
  usageJob,
  officesJob,
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
