import { firstConnection } from './first-connection.js';

describe('firstConnection', () => {
  it('tries again after a failed connect and answers the connection that came', async () => {
    let calls = 0;
    const connect = async () => {
      calls += 1;
      if (calls < 3) throw new Error('timeout expired');
      return 'client';
    };
    expect(await firstConnection(connect)).toBe('client');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts with the last error', async () => {
    let calls = 0;
    const connect = async () => {
      calls += 1;
      throw new Error(`refused ${calls}`);
    };
    await expect(firstConnection(connect, 2)).rejects.toThrow('refused 2');
    expect(calls).toBe(2);
  });
});
