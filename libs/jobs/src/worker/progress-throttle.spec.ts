import { jest } from '@jest/globals';
import { ProgressThrottle } from './progress-throttle.js';

describe('ProgressThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first report at once, holds the ones inside the window and sends the latest held at its end', () => {
    const sent: number[] = [];
    const throttle = new ProgressThrottle<number>(
      100,
      (value) => sent.push(value),
      () => Date.now(),
    );
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([1, 3]);
    jest.advanceTimersByTime(150);
    throttle.push(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('flush sends what is held now; cancel drops it', () => {
    const sent: number[] = [];
    const throttle = new ProgressThrottle<number>(
      100,
      (value) => sent.push(value),
      () => Date.now(),
    );
    throttle.push(1);
    throttle.push(2);
    throttle.flush();
    expect(sent).toEqual([1, 2]);
    throttle.push(3);
    throttle.cancel();
    jest.advanceTimersByTime(500);
    expect(sent).toEqual([1, 2]);
  });
});
