import { Injectable } from '@nestjs/common';

/**
 * Where the process is in its life: serving, or draining after SIGTERM (still answering the requests it
 * has, while readiness says "send no more" so a load balancer moves away before the port closes).
 */
@Injectable()
export class Lifecycle {
  draining = false;
  drainingSince: string | null = null;

  startDrain(): void {
    if (this.draining) return;
    this.draining = true;
    this.drainingSince = new Date().toISOString();
  }
}
