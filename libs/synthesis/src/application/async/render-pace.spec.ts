import { DEFAULT_REAL_TIME_FACTOR, RenderPace } from './render-pace.js';

describe('RenderPace', () => {
  it('starts at the default factor and moves towards what it observes', () => {
    const pace = new RenderPace();
    expect(pace.realTimeFactor).toBe(DEFAULT_REAL_TIME_FACTOR);
    for (let i = 0; i < 200; i++) pace.observe(0.5, 10);
    expect(pace.realTimeFactor).toBeCloseTo(0.05, 3);
    expect(pace.workSeconds(100)).toBeCloseTo(5, 1);
  });

  it('ignores samples without audio', () => {
    const pace = new RenderPace();
    pace.observe(1, 0);
    pace.observe(Number.NaN, 1);
    expect(pace.realTimeFactor).toBe(DEFAULT_REAL_TIME_FACTOR);
  });
});
