import { Injectable } from '@nestjs/common';

/** Bodies kept per key; the oldest go first. The nation's list is a few MB compressed. */
const MAX_ENTRIES = 128;

export interface BuiltList {
  bytes: Uint8Array;
  rows: number;
}

/**
 * Built office lists (JSON or Arrow, compressed per encoding), kept until the `offices` job writes a new
 * list: the key includes the job run id, so a new run makes every older entry unreachable (and they age
 * out). Only the bytes are shared; access is checked per request before a list is asked for.
 */
@Injectable()
export class OfficeListCache {
  private readonly entries = new Map<string, Promise<BuiltList>>();

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string, build: () => Promise<BuiltList>): Promise<BuiltList> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit;
    }
    const built = build();
    this.entries.set(key, built);
    built.catch(() => this.entries.delete(key));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return built;
  }
}
