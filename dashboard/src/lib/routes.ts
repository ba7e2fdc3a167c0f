/** Paths of the dashboard's views. */
export type RouteName =
  | 'national'
  | 'prefecture'
  | 'municipality'
  | 'at_risk'
  | 'offices'
  | 'standardization'
  | 'subsidies'
  | 'data'
  | 'definitions'
  | 'report'
  | 'password'
  | 'admin_users'
  | 'admin_audit'
  | 'notifications'
  | 'unsubscribe'
  | 'not_found';

export interface Route {
  name: RouteName;
  code?: string;
  /** For a report: which level it covers. */
  level?: 'national' | 'prefecture' | 'municipality';
}

const SIMPLE: Record<string, RouteName> = {
  'at-risk': 'at_risk',
  offices: 'offices',
  standardization: 'standardization',
  subsidies: 'subsidies',
  data: 'data',
  definitions: 'definitions',
  notifications: 'notifications',
  unsubscribe: 'unsubscribe',
};

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'national' };
  if (parts[0] === 'prefectures' && parts[1]) return { name: 'prefecture', code: parts[1] };
  if (parts[0] === 'municipalities' && parts[1]) return { name: 'municipality', code: parts[1] };
  if (parts[0] === 'reports') return parseReport(parts.slice(1));
  if (parts.join('/') === 'account/password') return { name: 'password' };
  if (parts.join('/') === 'admin/users') return { name: 'admin_users' };
  if (parts.join('/') === 'admin/audit') return { name: 'admin_audit' };
  if (parts.length === 1 && SIMPLE[parts[0]]) return { name: SIMPLE[parts[0]] };
  return { name: 'not_found' };
}

function parseReport(parts: string[]): Route {
  if (parts[0] === 'national' && parts.length === 1) return { name: 'report', level: 'national' };
  if (parts[0] === 'prefectures' && parts[1]) return { name: 'report', level: 'prefecture', code: parts[1] };
  if (parts[0] === 'municipalities' && parts[1]) return { name: 'report', level: 'municipality', code: parts[1] };
  return { name: 'not_found' };
}

/** Page titles (document.title) per view; the area name is added by the view when it knows it. */
export const ROUTE_TITLES: Record<RouteName, string> = {
  national: '全国の導入状況',
  prefecture: '都道府県',
  municipality: '市区町村',
  at_risk: '標準化の遅延リスク（全国）',
  offices: '働きかけ先の事業所（全国）',
  standardization: '標準化の進捗',
  subsidies: '補助金',
  data: 'データの取込と集計',
  definitions: '用語と定義',
  report: '印刷用レポート',
  password: 'パスワードの変更',
  admin_users: '利用者の管理',
  admin_audit: '監査ログ',
  notifications: 'お知らせ',
  unsubscribe: '配信停止',
  not_found: 'ページが見つかりません',
};
