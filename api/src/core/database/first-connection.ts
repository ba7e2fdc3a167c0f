const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A long-lived connection's first attempt, tried up to `attempts` times half a second apart: a server just
 * started — or recovering from a crash — on a loaded machine may not answer within one connect's timeout
 * (seen once in CI right after a kill -9 of the embedded server). A server that is not there fails as before,
 * only `attempts` times over.
 */
export async function firstConnection<T>(connect: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(500);
    }
  }
}
