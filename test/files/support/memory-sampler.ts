import type { MeasuredProcess } from './measured-process.js';

/** Samples a process's RSS every few milliseconds while `work` runs; returns the largest growth over the start. */
export async function peakRssGrowth<T>(
  process: MeasuredProcess,
  work: () => Promise<T>,
  intervalMs = 10,
): Promise<{ result: T; baseline: number; peak: number }> {
  const baseline = process.memory().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memory().rss);
  }, intervalMs);
  try {
    const result = await work();
    peak = Math.max(peak, process.memory().rss);
    return { result, baseline, peak };
  } finally {
    clearInterval(timer);
  }
}
