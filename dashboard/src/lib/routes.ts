/** Paths of the dashboard's views. */
export interface Route {
  name: 'national' | 'prefecture' | 'municipality' | 'standardization' | 'subsidies' | 'data' | 'not_found';
  code?: string;
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'national' };
  if (parts[0] === 'prefectures' && parts[1]) return { name: 'prefecture', code: parts[1] };
  if (parts[0] === 'municipalities' && parts[1]) return { name: 'municipality', code: parts[1] };
  if (parts[0] === 'standardization') return { name: 'standardization' };
  if (parts[0] === 'subsidies') return { name: 'subsidies' };
  if (parts[0] === 'data') return { name: 'data' };
  return { name: 'not_found' };
}
