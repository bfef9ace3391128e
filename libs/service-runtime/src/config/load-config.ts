import { z } from 'zod';

/** Thrown at start when the environment does not satisfy an app's config schema. */
export class ConfigValidationError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration for ${app}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Parses the environment against an app's schema. Each problem names the variable, so a bad deploy
 * fails fast with a message an operator can act on instead of a stack trace later.
 */
export function loadConfig<S extends z.ZodType>(app: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    const shown = value === undefined ? 'not set' : `got ${JSON.stringify(redact(String(issue.path[0]), value))}`;
    return `${variable}: ${issue.message} (${shown})`;
  });
  throw new ConfigValidationError(app, problems);
}

function redact(variable: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN|KEY/i.test(variable)) return '***';
  // Connection URLs may carry credentials.
  return value.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
