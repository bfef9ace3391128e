export interface PlatformConfigOptions {
  /** How long identity gets to answer each `GetPlatformConfigQuery` (default 2000 ms). */
  queryTimeoutMs?: number;
  /** Waits between attempts while identity does not answer at start; the last one repeats (default 250 ms up to 5 s). */
  retryDelaysMs?: readonly number[];
  /**
   * How often the settings are asked for again once loaded (default 60 s): a safety net for change
   * events this instance missed (instance-scoped subscriptions lose events while disconnected).
   */
  resyncIntervalMs?: number;
}

export const PLATFORM_CONFIG_OPTIONS = Symbol('PLATFORM_CONFIG_OPTIONS');

export const DEFAULT_PLATFORM_CONFIG_QUERY_TIMEOUT_MS = 2000;
export const DEFAULT_PLATFORM_CONFIG_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000];
export const DEFAULT_PLATFORM_CONFIG_RESYNC_INTERVAL_MS = 60_000;
