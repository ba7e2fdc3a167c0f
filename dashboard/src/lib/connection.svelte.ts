/**
 * Whether the API can be reached, for the whole dashboard: a request that fails for want of a connection
 * (the server stopped, the network gone, a proxy answering 502–504) marks the connection lost, the banner
 * says so and the figures on screen are marked as not updated; a request that gets an answer marks it back.
 * While it is lost the health endpoint is tried every few seconds, and `retry` (or its return) reloads what
 * the page shows: every Resource load reads `attempt`, so the views' effects run again.
 */
class Connection {
  lost = $state(false);
  /** Bumped by a retry: the loads that read it run again. */
  attempt = $state(0);
  #probe: ReturnType<typeof setInterval> | undefined;

  markLost(): void {
    if (this.lost) return;
    this.lost = true;
    this.#probe = setInterval(() => void this.#check(), PROBE_MS);
  }

  markReached(): void {
    if (!this.lost) return;
    this.lost = false;
    clearInterval(this.#probe);
    this.attempt++;
  }

  /** Tries again now (the banner's button). */
  retry(): void {
    void this.#check();
  }

  async #check(): Promise<void> {
    try {
      const res = await fetch('/api/health', { cache: 'no-store' });
      if (!UNREACHABLE_STATUSES.includes(res.status)) this.markReached();
    } catch {
      // still unreachable
    }
  }
}

const PROBE_MS = 5_000;
/** Answers of a proxy or a server that cannot do anything: as good as no connection. */
export const UNREACHABLE_STATUSES: readonly number[] = [502, 503, 504];
export const UNREACHABLE_MESSAGE = 'サーバーに接続できません。接続が戻ると自動で読み込み直します。';

export const connection = new Connection();
