import { requestEarly, takeEarly } from './early-requests.js';

/** The first page's requests, asked for before the session check answers: handed over once, and only when they succeeded. */
describe('early requests', () => {
  const realFetch = globalThis.fetch;
  let asked: string[];

  beforeEach(() => {
    asked = [];
    // A server in a function: the national figures answer 200, the session check 401 (signed out).
    globalThis.fetch = (async (input: string) => {
      asked.push(input);
      return new Response('{}', { status: input === '/api/v1/auth/me' ? 401 : 200 });
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it("asks for the national page's first figures beside the session check, and hands each success over once", async () => {
    requestEarly({ name: 'national' }, '', 50);
    expect(asked).toEqual(['/api/v1/auth/me', '/api/v1/adoption/national', '/api/v1/adoption/prefectures', '/api/v1/adoption/dates']);
    expect((await takeEarly('/api/v1/adoption/prefectures'))?.status).toBe(200);
    expect(await takeEarly('/api/v1/adoption/prefectures')).toBeUndefined();
    // A refused one (signed out) is not handed over: the caller asks again and sees the refusal itself.
    expect(await takeEarly('/api/v1/auth/me')).toBeUndefined();
  });

  it('asks only for the session when the page was opened with parameters of its own, and forgets what nobody claimed', async () => {
    requestEarly({ name: 'national' }, '?as_of=2025-03-31', 50);
    expect(asked).toEqual(['/api/v1/auth/me']);
    requestEarly({ name: 'national' }, '', 10);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await takeEarly('/api/v1/adoption/national')).toBeUndefined();
  });
});
