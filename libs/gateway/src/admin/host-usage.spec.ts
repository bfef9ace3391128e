import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHostUsage } from './host-usage.js';

describe('measureHostUsage', () => {
  it('measures the file system of the nearest existing parent when the data directory does not exist yet', async () => {
    const missing = join(tmpdir(), 'voxify-no-such-dir', 'files');
    const usage = await measureHostUsage(missing);
    const stats = await statfs(tmpdir());
    const used = stats.blocks - stats.bfree;
    expect(usage.disk_usage).toBeCloseTo((used / (used + stats.bavail)) * 100, 0);
  });

  it('answers percentages with one decimal at most', async () => {
    const usage = await measureHostUsage(tmpdir());
    for (const value of Object.values(usage)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
      expect(Math.round(value * 10) / 10).toBe(value);
    }
  });
});
