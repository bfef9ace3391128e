import { ApplicationError, ErrorCode, type PlatformConfigChanges, type PlatformConfigSettings } from '#contracts';
import { GROUP_SETTING_RULES, SCALAR_SETTING_RULES, settingProblem, type SettingRule } from './platform-setting-rules.js';

interface FieldProblem {
  field: string;
  messages: string[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a partial change of the settings and answers every problem at once (one detail per field,
 * unknown fields included), so an admin fixes a form in one round trip.
 */
export function parsePlatformConfigChanges(input: unknown): PlatformConfigChanges {
  if (!isPlainObject(input)) throw invalid([{ field: 'changes', messages: ['must be an object of settings'] }]);
  const problems: FieldProblem[] = [];
  const check = (field: string, rule: SettingRule | undefined, value: unknown): void => {
    const problem = rule ? settingProblem(rule, value) : 'is not a setting';
    if (problem) problems.push({ field, messages: [problem] });
  };

  let named = 0;
  for (const [key, value] of Object.entries(input)) {
    const groupRules = (GROUP_SETTING_RULES as Record<string, Record<string, SettingRule>>)[key];
    if (!groupRules) {
      named++;
      check(key, (SCALAR_SETTING_RULES as Record<string, SettingRule>)[key], value);
      continue;
    }
    if (!isPlainObject(value)) {
      problems.push({ field: key, messages: ['must be an object'] });
      continue;
    }
    for (const [name, groupValue] of Object.entries(value)) {
      named++;
      check(`${key}.${name}`, groupRules[name], groupValue);
    }
  }
  if (problems.length > 0) throw invalid(problems);
  if (named === 0) throw invalid([{ field: 'changes', messages: ['must name at least one setting'] }]);
  return input as PlatformConfigChanges;
}

/** The settings with the (already parsed) changes applied; nested groups merge key by key. */
export function applyPlatformConfigChanges(settings: PlatformConfigSettings, changes: PlatformConfigChanges): PlatformConfigSettings {
  const { rate_limits: rateLimits, daily_quotas: dailyQuotas, ...scalars } = changes;
  return {
    ...settings,
    ...scalars,
    rate_limits: { ...settings.rate_limits, ...rateLimits },
    daily_quotas: { ...settings.daily_quotas, ...dailyQuotas },
  };
}

function invalid(problems: FieldProblem[]): ApplicationError {
  const fields = problems.map((problem) => problem.field).join(', ');
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `Invalid settings: ${fields}`, problems);
}
