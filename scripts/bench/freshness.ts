import type { DataSource } from 'typeorm';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import type { ImportFigures } from '../../api/src/imports/dto/imports.responses.js';
import { record, seconds } from './measures.js';

const LICENCES_PER_IMPORT = 5;

/** Offices of one municipality with no licence yet: the import a municipality's officer makes in a day. */
async function unlicensedOfficesOfOneMunicipality(ds: DataSource): Promise<{ code: string; offices: string[] }> {
  const [row] = await ds.query(
    `SELECT o.municipality_code AS code, (array_agg(DISTINCT o.office_number ORDER BY o.office_number))[1:$1] AS offices
     FROM care_offices o
     JOIN office_services s USING (office_number)
     JOIN service_types t ON t.code = s.service_type_code AND t.counts_toward_adoption
     WHERE s.abolished_on IS NULL AND s.designated_on < current_date - 400
       AND NOT EXISTS (SELECT 1 FROM cpdl_licenses l WHERE l.office_number = o.office_number)
     GROUP BY o.municipality_code HAVING count(DISTINCT o.office_number) >= $1 ORDER BY o.municipality_code LIMIT 1`,
    [LICENCES_PER_IMPORT],
  );
  return row;
}

/**
 * An import committed → its figures served: a one-municipality licence upload as the dashboard sends it (no
 * `Prefer: wait`), timed to its answer and to the moment the municipality's figure shows the new licences.
 */
export async function freshnessSection(base: string, cookie: string, ds: DataSource) {
  const { code, offices } = await unlicensedOfficesOfOneMunicipality(ds);
  // The licences are dated on the latest as-of date the figures hold (the page's default is the latest month end).
  const dates = (await (await fetch(`${base}/api/v1/adoption/dates`, { headers: { cookie } })).json()) as { data: string[] };
  const latest = dates.data
    .filter((d) => d <= todayInTokyo())
    .sort()
    .at(-1)!;
  const applied = async () => {
    const res = await fetch(`${base}/api/v1/adoption/municipalities/${code}?as_of=${latest}`, { headers: { cookie } });
    return ((await res.json()) as { data: { applied_offices: number } }).data.applied_offices;
  };
  const before = await applied();
  const form = new FormData();
  const csv = ['office_number,applied_on,starts_on,ends_on', ...offices.map((o) => `${o},${latest},${latest},`)].join('\n');
  form.append('file', new Blob([csv]), 'licences.csv');
  const start = performance.now();
  const res = await fetch(`${base}/api/v1/imports/cpdl-licenses`, { method: 'POST', headers: { cookie }, body: form });
  const answered = performance.now() - start;
  const body = (await res.json()) as { status: string; import_id: number };
  if (body.status !== 'succeeded') throw new Error(`the licence import was ${body.status}`);
  const deadline = start + 120_000;
  while ((await applied()) < before + offices.length) {
    if (performance.now() > deadline) throw new Error(`${code}: the new licences were not in its figure 120 s after the upload`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const served = performance.now() - start;
  record('freshness', `licences of one municipality (${offices.length} offices): upload answered`, `${Math.round(answered)} ms`, '< 1 s');
  record('freshness', '  the new figure served, from the upload', seconds(served), '< 5 s');
  const figures = await fetch(`${base}/api/v1/imports/${body.import_id}/figures`, { headers: { cookie } });
  const { data } = (await figures.json()) as { data: ImportFigures };
  const took = (j: ImportFigures['jobs'][number]) =>
    j.run?.finished_at ? `${((Date.parse(String(j.run.finished_at)) - Date.parse(String(j.run.started_at))) / 1000).toFixed(2)} s` : '—';
  record('freshness', '  the jobs it queued, in order', data.jobs.map((j) => `${j.name} ${j.run?.mode ?? j.status} ${took(j)}`).join(', '));
}
