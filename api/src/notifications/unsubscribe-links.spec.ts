import { signUnsubscribe, verifyUnsubscribe } from './unsubscribe-links.js';

describe('unsubscribe links', () => {
  const secret = 'a-secret-of-this-database';

  it('names the user and the one subscription it was signed for', () => {
    const token = signUnsubscribe(secret, 42, 'digest_weekly');
    expect(verifyUnsubscribe(secret, token)).toEqual({ userId: 42, kind: 'digest_weekly' });
  });

  it('refuses a token with another user, another subscription, a changed signature or another key', () => {
    const token = signUnsubscribe(secret, 42, 'alerts');
    const [, , mac] = token.split('.');
    expect(verifyUnsubscribe(secret, `43.alerts.${mac}`)).toBeNull();
    expect(verifyUnsubscribe(secret, `42.digest_monthly.${mac}`)).toBeNull();
    expect(verifyUnsubscribe(secret, `42.alerts.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(verifyUnsubscribe('another-key', token)).toBeNull();
    expect(verifyUnsubscribe(secret, `42.users.${mac}`)).toBeNull();
    expect(verifyUnsubscribe(secret, '')).toBeNull();
  });
});
