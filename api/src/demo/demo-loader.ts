import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { careOfficesImport } from '../imports/kinds/care-offices.import.js';
import { cpdlLicensesImport } from '../imports/kinds/cpdl-licenses.import.js';
import { buildMunicipalities } from '../reference/reference-data.js';
import { DEMO_END, DEMO_SEED, generateAdoptionDemo } from './adoption-demo.js';
import { targetAchievers } from './published-figures.js';
import { DEMO_SURVEY, generateMilestonesDemo, generateSurveyDemo } from './standardization-demo.js';
import { standardizationSurveyImport } from '../imports/kinds/standardization-survey.import.js';
import { standardizationMilestonesImport } from '../imports/kinds/standardization-milestones.import.js';
import { subsidyGrantsImport } from '../imports/kinds/subsidy-grants.import.js';
import { generateSubsidyDemo } from './subsidy-demo.js';
import { writeUsageDemo } from './usage-demo.js';
import { createUser, DEMO_ACCOUNTS } from '../auth/passwords.js';

export const DEMO_USER = 'demo-generator';

/** True when the database holds no care data at all: the only state demo data may be loaded into. */
export async function isEmptyForDemo(db: DataSource): Promise<boolean> {
  const [{ n }] = await db.query(`SELECT (SELECT count(*) FROM imports WHERE status <> 'rejected') + (SELECT count(*) FROM care_offices) AS n`);
  return Number(n) === 0;
}

/** Generates and writes the demo data in one transaction, recorded as a demo import. */
export async function loadDemoData(db: DataSource, dataDir: string): Promise<{ importId: number; offices: number; licenses: number; milestones: number; grants: number; usageRows: number }> {
  const municipalities = buildMunicipalities();
  const demo = generateAdoptionDemo(municipalities, targetAchievers());
  const survey = generateSurveyDemo(municipalities);
  const milestones = generateMilestonesDemo(survey);
  const subsidies = generateSubsidyDemo(municipalities, demo);
  demo.licenses.push(...subsidies.extraLicenses);
  for (const account of DEMO_ACCOUNTS) await createUser(db, account);
  const loaded = await db.transaction(async (manager) => {
    const [{ id }] = await manager.query(
      `INSERT INTO imports (kind, file_name, sha256, rows, inserted, status, is_demo, uploaded_by, parameters)
       VALUES ('demo', $1, $2, $3, $3, 'succeeded', true, $4, $5) RETURNING id`,
      [
        'デモデータ（合成）: 介護事業所・ケアプランデータ連携ライセンス・標準化アンケート・段階別予定・補助金',
        createHash('sha256').update(`demo:${DEMO_SEED}`).digest('hex'),
        demo.offices.length + demo.licenses.length + survey.length + milestones.length + subsidies.grants.length,
        DEMO_USER,
        JSON.stringify({ seed: DEMO_SEED, demo_end: DEMO_END }),
      ],
    );
    await careOfficesImport.write(manager, demo.offices, id, undefined as never);
    await cpdlLicensesImport.write(manager, demo.licenses, id, undefined as never);
    await standardizationSurveyImport.write(manager, survey, id, { municipalities: new Set(), round: DEMO_SURVEY.round, name: DEMO_SURVEY.name, conductedOn: DEMO_SURVEY.conductedOn });
    await standardizationMilestonesImport.write(manager, milestones, id, undefined as never);
    await subsidyGrantsImport.write(manager, subsidies.grants, id, undefined as never);
    return { importId: id, offices: demo.offices.length, licenses: demo.licenses.length, milestones: milestones.length, grants: subsidies.grants.length };
  });
  // Exchange logs live as Parquet beside the database, written once the rows they describe are committed.
  return { ...loaded, usageRows: await writeUsageDemo(dataDir, demo.licenses) };
}
