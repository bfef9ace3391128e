import { Clock } from '../application/ports/clock.js';

/** A clock the tests move by hand (expiry, last-used throttling); it starts at the real time. */
export class SettableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
