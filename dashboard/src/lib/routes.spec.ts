import { parseRoute } from './routes.js';

describe('routes', () => {
  it('maps paths to views', () => {
    expect(parseRoute('/')).toEqual({ name: 'national' });
    expect(parseRoute('/prefectures/07')).toEqual({ name: 'prefecture', code: '07' });
    expect(parseRoute('/municipalities/072079')).toEqual({ name: 'municipality', code: '072079' });
    expect(parseRoute('/standardization')).toEqual({ name: 'standardization' });
    expect(parseRoute('/nope')).toEqual({ name: 'not_found' });
  });
});
