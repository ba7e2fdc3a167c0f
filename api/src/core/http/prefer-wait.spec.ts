import { preferredWaitSeconds, settledWithin } from './prefer-wait.js';

describe('Prefer: wait (RFC 7240)', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['respond-async', undefined],
    ['wait=30', 30],
    ['respond-async, wait=5', 5],
    ['Wait = "12"', 12],
    ['wait=abc', undefined],
    ['wait=-1', undefined],
    ['wait=99999', 600],
  ])('%s → %s', (header, seconds) => {
    expect(preferredWaitSeconds(header)).toBe(seconds);
  });

  it('reads the first of repeated headers that carries a wait', () => {
    expect(preferredWaitSeconds(['return=minimal', 'wait=7'])).toBe(7);
  });

  it('answers the value of work that settles in time, undefined for work that does not', async () => {
    expect(await settledWithin(Promise.resolve(3), 1)).toBe(3);
    const never = new Promise<number>(() => undefined);
    expect(await settledWithin(never, 0.05)).toBeUndefined();
  });
});
