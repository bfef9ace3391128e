import { Clock } from '../application/ports/clock.js';

export class SettableClock extends Clock {
  private current = new Date();

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
