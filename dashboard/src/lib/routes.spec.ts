import { parseRoute } from './routes.js';

describe('routes', () => {
  it('maps paths to views', () => {
    expect(parseRoute('/')).toEqual({ name: 'national' });
    expect(parseRoute('/prefectures/07')).toEqual({ name: 'prefecture', code: '07' });
    expect(parseRoute('/municipalities/072079')).toEqual({ name: 'municipality', code: '072079' });
    expect(parseRoute('/standardization')).toEqual({ name: 'standardization' });
    expect(parseRoute('/at-risk')).toEqual({ name: 'at_risk' });
    expect(parseRoute('/offices')).toEqual({ name: 'offices' });
    expect(parseRoute('/definitions')).toEqual({ name: 'definitions' });
    expect(parseRoute('/nope')).toEqual({ name: 'not_found' });
    expect(parseRoute('/data/extra')).toEqual({ name: 'not_found' });
    expect(parseRoute('/account/password')).toEqual({ name: 'password' });
    expect(parseRoute('/admin/users')).toEqual({ name: 'admin_users' });
    expect(parseRoute('/admin/audit')).toEqual({ name: 'admin_audit' });
  });

  it('maps report paths to the report of a level', () => {
    expect(parseRoute('/reports/national')).toEqual({ name: 'report', level: 'national' });
    expect(parseRoute('/reports/prefectures/07')).toEqual({ name: 'report', level: 'prefecture', code: '07' });
    expect(parseRoute('/reports/municipalities/072079')).toEqual({ name: 'report', level: 'municipality', code: '072079' });
    expect(parseRoute('/reports/prefectures')).toEqual({ name: 'not_found' });
  });
});
