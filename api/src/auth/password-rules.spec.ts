import { passwordProblem } from './password-rules.js';

describe('passwordProblem', () => {
  it('accepts a long password that is not the username or a common one', () => {
    expect(passwordProblem('ほうかご-teatime-2026', 'pref-07')).toBeNull();
    expect(passwordProblem('correct horse battery', 'kawasaki')).toBeNull();
  });

  it('refuses short, username, common and run passwords with a reason in Japanese and English', () => {
    expect(passwordProblem('short-pass1', 'pref-07')?.en).toBe('a password needs at least 12 characters (11 given)');
    expect(passwordProblem('Pref-07-Pref-07', 'pref-07')?.ja).toBe('パスワードにユーザー名を含めないでください');
    expect(passwordProblem('Password1234', 'someone')?.en).toMatch(/commonly used/);
    expect(passwordProblem('P@ssw0rd1234', 'someone')?.en).toMatch(/commonly used/);
    expect(passwordProblem('aaaaaaaaaaaaaa', 'someone')?.en).toMatch(/repeated/);
    expect(passwordProblem('abcdefghijklmn', 'someone')?.en).toMatch(/run/);
    expect(passwordProblem('x'.repeat(201), 'someone')?.en).toMatch(/at most 200/);
  });
});
