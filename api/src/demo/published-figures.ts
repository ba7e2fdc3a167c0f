import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { withCheckDigit } from '../core/domain/municipality-code.js';

/** The published figures the demo data must reproduce (copied from shared/data, parsed from the seed). */
const DIR = join(import.meta.dirname, '..', 'reference', 'published');

export interface TargetAchiever {
  municipalityCode: string; // 6 digits
  name: string;
  applications: number;
  offices: number;
}

export function targetAchievers(): TargetAchiever[] {
  const text = readFileSync(join(DIR, 'cpdl-target-achievers-2025-03.csv'), 'utf8');
  const { data } = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  return data.map((r) => ({
    municipalityCode: withCheckDigit(r.municipality_code.padStart(5, '0')),
    name: r.municipality,
    applications: Number(r.applications),
    offices: Number(r.offices),
  }));
}

export const PUBLISHED = {
  achieversAsOf: '2025-03-31',
  nationalUsageAsOf: '2025-05-31',
  nationalUsageRate: 0.072,
  targetRate: 0.3,
} as const;
