import { Injectable } from '@nestjs/common';

/** Seconds of inference per second of audio before this instance has rendered anything (the bundled voice on 2 cores). */
export const DEFAULT_REAL_TIME_FACTOR = 0.15;
/** Weight of each new sentence in the running average. */
const SMOOTHING = 0.05;

/** How fast this instance renders lately (an exponential average over sentences), for a job's estimated completion. */
@Injectable()
export class RenderPace {
  private factor = DEFAULT_REAL_TIME_FACTOR;

  get realTimeFactor(): number {
    return this.factor;
  }

  observe(inferenceSeconds: number, audioSeconds: number): void {
    if (!(audioSeconds > 0) || !(inferenceSeconds >= 0)) return;
    this.factor += SMOOTHING * (inferenceSeconds / audioSeconds - this.factor);
  }

  /** Seconds of work `audioSeconds` of speech should take at the current pace. */
  workSeconds(audioSeconds: number): number {
    return audioSeconds * this.factor;
  }
}
