export const DEFAULT_READINESS_TIMEOUT_MS = 1500;

export interface SystemHealthOptions {
  /** The gateway's version, reported by `/api/v1/health`. */
  version: string;
  /** How long each service gets to answer its readiness query. */
  readinessTimeoutMs?: number;
}

export const SYSTEM_HEALTH_OPTIONS = Symbol('SYSTEM_HEALTH_OPTIONS');
