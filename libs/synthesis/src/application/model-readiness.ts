import type { ReadinessCheck } from '#service-runtime';

/** The `model` readiness check: up once every voice is loaded and warmed. */
export class ModelReadiness implements ReadinessCheck {
  readonly name = 'model';
  private ready = false;

  markReady(): void {
    this.ready = true;
  }

  isUp(): Promise<boolean> {
    return Promise.resolve(this.ready);
  }
}
