import { statfs } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';

/** Usage of the gateway's host, each in percent (0–100, one decimal). */
export interface HostUsage {
  cpu_usage: number;
  memory_usage: number;
  disk_usage: number;
}

/**
 * CPU: the 1-minute load average per core; memory: what is not free; disk: used share of the file
 * system holding `dataDirectory` as `df` counts it (blocks reserved for root excluded), or of its
 * nearest existing parent.
 */
export async function measureHostUsage(dataDirectory: string): Promise<HostUsage> {
  const cores = Math.max(1, cpus().length);
  return {
    cpu_usage: percent(loadavg()[0]! / cores),
    memory_usage: percent((totalmem() - freemem()) / totalmem()),
    disk_usage: await diskUsage(dataDirectory),
  };
}

async function diskUsage(directory: string): Promise<number> {
  let path = resolve(directory);
  for (;;) {
    try {
      const stats = await statfs(path);
      const used = stats.blocks - stats.bfree;
      const usable = used + stats.bavail;
      return usable > 0 ? percent(used / usable) : 0;
    } catch (error) {
      const parent = dirname(path);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw error;
      path = parent;
    }
  }
}

function percent(share: number): number {
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}
