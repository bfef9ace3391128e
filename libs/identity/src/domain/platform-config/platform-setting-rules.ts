import { SUPPORTED_SAMPLE_RATES, type PlatformConfigSettings } from '#contracts';

/** A whole number from `min` to `max`, or one of `oneOf`. */
export interface SettingRule {
  min: number;
  max: number;
  oneOf?: readonly number[];
}

type GroupName = 'rate_limits' | 'daily_quotas';
type ScalarName = Exclude<keyof PlatformConfigSettings, GroupName>;

/**
 * What each setting may be. The upper bounds keep a typo (an extra zero or three) from switching
 * a limit off in practice or making a quota meaningless; they are far above any sane value.
 */
export const SCALAR_SETTING_RULES: Record<ScalarName, SettingRule> = {
  max_voice_samples_per_user: { min: 1, max: 1000 },
  max_synthesis_length: { min: 1, max: 100_000 },
  default_sample_rate: { min: SUPPORTED_SAMPLE_RATES[0], max: SUPPORTED_SAMPLE_RATES.at(-1)!, oneOf: SUPPORTED_SAMPLE_RATES },
  file_expiry_hours: { min: 1, max: 24 * 365 },
};

export const GROUP_SETTING_RULES: { [G in GroupName]: Record<keyof PlatformConfigSettings[G], SettingRule> } = {
  rate_limits: {
    requests_per_minute: { min: 1, max: 1_000_000 },
    auth_requests_per_window: { min: 1, max: 100_000 },
    failed_logins_per_window: { min: 1, max: 10_000 },
  },
  daily_quotas: {
    syntheses: { min: 1, max: 10_000_000 },
    uploads: { min: 1, max: 1_000_000 },
  },
};

/** Why `value` breaks the rule, or undefined when it keeps it. */
export function settingProblem(rule: SettingRule, value: unknown): string | undefined {
  if (rule.oneOf) {
    return typeof value === 'number' && rule.oneOf.includes(value) ? undefined : `must be one of: ${rule.oneOf.join(', ')}`;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
    return `must be a whole number from ${rule.min} to ${rule.max}`;
  }
  return undefined;
}
