/**
 * Rules for a password a person chooses: at least 12 characters, not the username, not a common password,
 * not one character repeated or a plain run of keys. Initial passwords are generated (random, 16 characters)
 * and must be replaced at the first sign-in.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** A short bundled list of common passwords of 12 characters or more (lowercase), as breach lists show them. */
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password123!',
  'p@ssw0rd1234',
  'passw0rd1234',
  '123456789012',
  '1234567890ab',
  '1234567890123',
  '12345678901234',
  '1234567890qwerty',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwerty1234567',
  'qwertyuiopasdf',
  'asdfghjkl123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'abcdefghijkl',
  'abc123456789',
  'abcd12345678',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'iloveyou1234',
  'changeme1234',
  'administrator',
  'administrator1',
  'adminadmin123',
  'admin1234567',
  'superman1234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'dragon123456',
  'monkey123456',
  'trustno11234',
  'kaigo1234567',
  'kaigodx12345',
  'kaigohoken12',
  'careplan1234',
  'tokyo1234567',
  'japan1234567',
  'nippon123456',
  'sakura123456',
  'reiwa1234567',
]);

export interface PasswordProblem {
  ja: string;
  en: string;
}

const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

function isRun(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size <= 2) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]));
  return steps.size === 1 && [...steps][0] !== 0 && Math.abs([...steps][0]) === 1;
}

/** Why a chosen password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return {
      ja: `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください（${length}文字）`,
      en: `a password needs at least ${MIN_PASSWORD_LENGTH} characters (${length} given)`,
    };
  if (length > MAX_PASSWORD_LENGTH)
    return {
      ja: `パスワードは${MAX_PASSWORD_LENGTH}文字以下にしてください`,
      en: `a password may have at most ${MAX_PASSWORD_LENGTH} characters`,
    };
  const plain = normalise(password);
  const user = normalise(username);
  if (user.length >= 3 && (plain === user || plain.includes(user)))
    return { ja: 'パスワードにユーザー名を含めないでください', en: 'a password may not contain the username' };
  if (COMMON.has(password.toLowerCase()) || COMMON.has(plain))
    return { ja: 'よく使われるパスワードです。別のものにしてください', en: 'this is a commonly used password; choose another' };
  if (isRun(password))
    return { ja: '同じ文字の繰り返しや連続した文字は使えません', en: 'a repeated character or a plain run of characters is not allowed' };
  return null;
}
