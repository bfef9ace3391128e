export interface AdminStatsOptions {
  /** How long each service gets to answer its statistics query, in ms (default 150, so the whole answer stays within 200 ms). */
  serviceTimeoutMs: number;
  /** Whose file system `system.disk_usage` measures (default `./data`, where files are kept). */
  dataDirectory: string;
}

export const ADMIN_STATS_OPTIONS = Symbol('ADMIN_STATS_OPTIONS');
