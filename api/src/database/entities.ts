import { JobRun } from '../jobs/entities/job-run.entity.js';
import { Municipality } from '../reference/entities/municipality.entity.js';
import { Prefecture } from '../reference/entities/prefecture.entity.js';
import { ReferenceSummary } from '../reference/entities/reference-summary.entity.js';

export const ENTITIES = [Prefecture, Municipality, ReferenceSummary, JobRun];
