import { randomUUID } from 'node:crypto';

/** Who this process is and whether it is draining; read by readiness answers and logs. */
export class AppLifecycle {
  readonly instanceId = `${process.env.HOSTNAME ?? 'local'}-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly startedAt = Date.now();
  private draining = false;

  constructor(readonly app: string) {}

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }

  uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }
}
