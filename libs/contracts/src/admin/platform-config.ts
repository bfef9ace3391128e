import { defineCommand, defineEvent, defineQuery } from '../messages/message-definitions.js';

/**
 * Settings an admin changes at run time (`GET/PUT /api/v1/admin/config`). Identity stores them,
 * versioned; every service reads them at start and applies each `platform.config.changed` event
 * without a restart.
 */
export interface PlatformConfig {
  /** Incremented by every change; an update may name the version it read (optimistic locking). */
  version: number;
  max_voice_samples_per_user: number;
  /** Characters per synchronous synthesis request. */
  max_synthesis_length: number;
  default_sample_rate: number;
  rate_limits: {
    requests_per_minute: number;
    auth_requests_per_window: number;
    failed_logins_per_window: number;
  };
  daily_quotas: {
    syntheses: number;
    uploads: number;
  };
  /** Hours until a synthesis output file expires. */
  file_expiry_hours: number;
  /** When and by whom (a user id) this version was stored; both null while no admin has changed anything. */
  updated_at: string | null;
  updated_by: string | null;
}

export type PlatformConfigSettings = Omit<PlatformConfig, 'version' | 'updated_at' | 'updated_by'>;

/** What a fresh installation starts with. */
export const DEFAULT_PLATFORM_CONFIG: PlatformConfigSettings = {
  max_voice_samples_per_user: 10,
  max_synthesis_length: 5000,
  default_sample_rate: 22050,
  rate_limits: { requests_per_minute: 100, auth_requests_per_window: 20, failed_logins_per_window: 10 },
  daily_quotas: { syntheses: 1000, uploads: 100 },
  file_expiry_hours: 24,
};

/** What `GetPlatformConfigQuery` answers before any change was stored, and what services use until identity answers. */
export const UNSET_PLATFORM_CONFIG: PlatformConfig = {
  version: 0,
  ...DEFAULT_PLATFORM_CONFIG,
  updated_at: null,
  updated_by: null,
};

/** The sample rates `default_sample_rate` may take, in Hz. */
export const SUPPORTED_SAMPLE_RATES = [8000, 16000, 22050, 24000, 44100, 48000] as const;

/** A partial change; nested objects are merged key by key. */
export type PlatformConfigChanges = Partial<Omit<PlatformConfigSettings, 'rate_limits' | 'daily_quotas'>> & {
  rate_limits?: Partial<PlatformConfigSettings['rate_limits']>;
  daily_quotas?: Partial<PlatformConfigSettings['daily_quotas']>;
};

export const GetPlatformConfigQuery = defineQuery<Record<string, never>, PlatformConfig>('identity', 'identity.platform-config.get');

export const UpdatePlatformConfigCommand = defineCommand<
  { actor_id: string; changes: PlatformConfigChanges; expected_version?: number },
  PlatformConfig
>('identity', 'identity.platform-config.update');

export const PlatformConfigChangedEvent = defineEvent<{ config: PlatformConfig }>('identity', 'identity.platform-config.changed');
