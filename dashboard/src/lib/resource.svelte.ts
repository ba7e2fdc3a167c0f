import { ApiRequestError, getJson, type Params } from './api.js';
import { connection } from './connection.svelte.js';

/**
 * One piece of data a view loads: its value, loading and error state. A new load aborts the one still
 * in flight, so a slow old response never overwrites a newer one; `load` returns that abort for
 * `$effect` to call when the view's inputs change or it is left.
 */
export class Resource<T> {
  // Raw: a response is replaced whole, never changed in place, and a deep proxy would slow every read of a
  // large one (an office list's column arrays).
  value = $state.raw<T | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** HTTP status of the last failure (e.g. 403 for a role's forbidden page, 404 for a date with no figures). */
  status = $state<number | undefined>(undefined);
  loading = $state(false);
  #controller: AbortController | undefined;

  /** The last load failed and the value shown is the one before it (not what was asked for). */
  stale = $state(false);

  load(fetcher: (signal: AbortSignal) => Promise<T>): () => void {
    // Read inside the caller's $effect: a retry after a lost connection runs the load again.
    void connection.attempt;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = undefined;
    this.status = undefined;
    fetcher(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        this.value = value;
        this.stale = false;
        this.loading = false;
      },
      (error: Error) => {
        if (controller.signal.aborted) return;
        this.error = error.message;
        this.stale = this.value !== undefined;
        this.status = error instanceof ApiRequestError ? error.status : undefined;
        this.loading = false;
      },
    );
    return () => controller.abort();
  }

  /** Loads a GET endpoint of the API. */
  get(path: string, params: Params = {}): () => void {
    return this.load((signal) => getJson<T>(path, params, signal));
  }
}
