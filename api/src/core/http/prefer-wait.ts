/** The longest a client may ask an answer to wait for the work behind it. */
export const MAX_PREFERRED_WAIT_SECONDS = 600;

/**
 * The `wait` preference of an RFC 7240 `Prefer` header (`Prefer: wait=30`): how many seconds the client is
 * willing to wait for work the answer would otherwise leave running. Absent or malformed: undefined.
 */
export function preferredWaitSeconds(header: string | string[] | undefined): number | undefined {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    for (const preference of value.split(',')) {
      const found = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
      if (found) return Math.min(Number(found[1]), MAX_PREFERRED_WAIT_SECONDS);
    }
  }
  return undefined;
}

/** The promise's value if it settles within `seconds`, else undefined (the work goes on). */
export async function settledWithin<T>(work: Promise<T>, seconds: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), seconds * 1000);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
