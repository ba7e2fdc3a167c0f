import { createHash } from 'node:crypto';
import type { UsersRepository } from '../auth/users.repository.js';
import { DEMO_ACCOUNTS } from '../auth/passwords.js';
import { careOfficesImport } from '../imports/kinds/care-offices/care-offices.import.js';
import { cpdlLicensesImport } from '../imports/kinds/cpdl-licenses.import.js';
import { standardizationMilestonesImport } from '../imports/kinds/standardization-milestones.import.js';
import { standardizationSurveyImport } from '../imports/kinds/standardization-survey.import.js';
import { subsidyGrantsImport } from '../imports/kinds/subsidy-grants.import.js';
import type { ImportsRepository } from '../imports/imports.repository.js';
import { todayInTokyo } from '../core/domain/dates.js';
import { buildMunicipalities } from '../reference/reference-data.js';
import { DEMO_END, DEMO_SEED, generateAdoptionDemo } from './adoption-demo.js';
import { targetAchievers } from './published-figures.js';
import { DEMO_SURVEY, generateMilestonesDemo, generateSurveyDemo } from './standardization-demo.js';
import { generateSubsidyDemo } from './subsidy-demo.js';
import { writeUsageDemo } from './usage-demo.js';

export const DEMO_USER = 'demo-generator';

export interface DemoLoaded {
  importId: number;
  offices: number;
  licenses: number;
  milestones: number;
  grants: number;
  usageRows: number;
}

/**
 * Generates the demo data and writes it through the same import stores as uploads, in one
 * transaction recorded as one demo import; then the demo accounts and the Parquet exchange logs.
 */
export async function loadDemoData(
  repositories: { imports: ImportsRepository; users: UsersRepository },
  dataDir: string,
): Promise<DemoLoaded> {
  const municipalities = buildMunicipalities();
  const demo = generateAdoptionDemo(municipalities, targetAchievers());
  const survey = generateSurveyDemo(municipalities);
  const milestonesUntil = [DEMO_END, todayInTokyo()].sort().at(-1)!;
  const milestones = generateMilestonesDemo(survey, milestonesUntil);
  const subsidies = generateSubsidyDemo(municipalities, demo);
  demo.licenses.push(...subsidies.extraLicenses);
  for (const account of DEMO_ACCOUNTS) await repositories.users.upsert(account);
  const loaded = await repositories.imports.transaction(async (tx) => {
    const rows = demo.offices.length + demo.licenses.length + survey.length + milestones.length + subsidies.grants.length;
    const id = await tx.record({
      kind: 'demo',
      file_name: 'デモデータ（合成）: 介護事業所・ケアプランデータ連携ライセンス・標準化アンケート・段階別予定・補助金',
      sha256: createHash('sha256').update(`demo:${DEMO_SEED}`).digest('hex'),
      rows,
      inserted: rows,
      status: 'succeeded',
      is_demo: true,
      uploaded_by: DEMO_USER,
      parameters: JSON.stringify({ seed: DEMO_SEED, demo_end: DEMO_END, milestones_until: milestonesUntil }),
    });
    await careOfficesImport.write(tx.store, demo.offices, id, undefined as never);
    await cpdlLicensesImport.write(tx.store, demo.licenses, id, undefined as never);
    await standardizationSurveyImport.write(tx.store, survey, id, {
      directory: undefined as never,
      notes: undefined as never,
      round: DEMO_SURVEY.round,
      name: DEMO_SURVEY.name,
      conductedOn: DEMO_SURVEY.conductedOn,
    });
    await standardizationMilestonesImport.write(tx.store, milestones, id, undefined as never);
    await subsidyGrantsImport.write(tx.store, subsidies.grants, id, undefined as never);
    await tx.recordDataChange(id, 'demo', 'demo', null);
    return {
      importId: id,
      offices: demo.offices.length,
      licenses: demo.licenses.length,
      milestones: milestones.length,
      grants: subsidies.grants.length,
    };
  });
  // Exchange logs live as Parquet beside the database, written once the rows they describe are committed.
  return { ...loaded, usageRows: await writeUsageDemo(dataDir, demo.licenses) };
}
