/** The aggregation jobs as the data page names them. */
export const JOB_LABELS: Record<string, string> = {
  reference_summary: '参照データ（市区町村数など）',
  adoption: '導入状況（申請率・利用率）',
  standardization: '標準化の進捗・遅延リスク',
  subsidies: '補助金',
  usage: '利用実績',
  offices: '事業所一覧（働きかけ先）',
};
export const jobLabel = (name: string) => JOB_LABELS[name] ?? name;
