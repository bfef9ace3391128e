import { Clock } from '../../application/ports/index.js';

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
