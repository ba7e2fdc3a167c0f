import { CLASS_LABELS_JA, type MunicipalityClass } from '$api/core/domain/municipality-class.js';

const SORT_LABELS: Record<string, string> = {
  code: 'コード',
  name: '市区町村（五十音）',
  rate: '申請率',
  offices: '事業所数',
  needed: '目標までの事業所数',
};

/**
 * The page's filters and sort as the report's title names them ("目標未達・中核市・並び順: 申請率の高い順"), from
 * the query string the report was opened with (the same the page had). Parameters it does not know are left out.
 */
export function reportFilterLabels(query: URLSearchParams): string[] {
  const labels: string[] = [];
  const target = query.get('target');
  if (target === 'below') labels.push('目標未達');
  if (target === 'meets') labels.push('目標達成');
  const cls = query.get('class');
  if (cls) labels.push(CLASS_LABELS_JA[cls as MunicipalityClass] ?? cls);
  const size = query.get('size');
  if (size) labels.push(`規模: ${size}`);
  const subsidy = query.get('subsidy');
  if (subsidy === 'used') labels.push('補助金を利用');
  if (subsidy === 'unused') labels.push('補助金を未利用');
  if (query.get('risk') === '1') labels.push('遅延リスクあり');
  const q = query.get('q');
  if (q) labels.push(`名称に「${q}」`);
  const pref = query.get('pref');
  if (pref) labels.push(`強調: 都道府県 ${pref}`);
  const sort = query.get('sort');
  if (sort && sort !== 'code') {
    const key = sort.replace(/^-/, '');
    labels.push(`並び順: ${SORT_LABELS[key] ?? key}の${sort.startsWith('-') ? '高い' : '低い'}順`);
  }
  return labels;
}
