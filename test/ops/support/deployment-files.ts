import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function readYaml<T>(relativePath: string): T {
  // Compose files use YAML merge keys (`<<: *anchor`), as Docker Compose does.
  return parse(readFileSync(join(ROOT, relativePath), 'utf8'), { merge: true }) as T;
}

export interface EnvFile {
  /** Variables set by `NAME=value` lines. */
  values: Map<string, string>;
  /** Variables only documented, by `# NAME=` lines. */
  documented: Set<string>;
}

export function readEnvFile(relativePath: string): EnvFile {
  const values = new Map<string, string>();
  const documented = new Set<string>();
  for (const line of readFileSync(join(ROOT, relativePath), 'utf8').split('\n')) {
    const set = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (set) values.set(set[1]!, set[2]!);
    const commented = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (commented) documented.add(commented[1]!);
  }
  return { values, documented };
}

const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

/** The variables a Compose value interpolates, and whether each has a fallback. */
export function interpolatedVariables(value: string): Array<{ name: string; hasDefault: boolean }> {
  return [...value.matchAll(INTERPOLATION)].map((match) => ({ name: match[1]!, hasDefault: match[2]?.includes('-') ?? false }));
}

/** Compose's interpolation (`${A}`, `${A:-default}`, `${A-default}`, `${A:?error}`, `$$`) against the given variables. */
export function interpolate(value: string, variables: ReadonlyMap<string, string>): string {
  return value
    .replace(INTERPOLATION, (_match, name: string, operator: string | undefined, operand: string | undefined) => {
      const set = variables.get(name);
      if (operator === ':-') return set || (operand ?? '');
      if (operator === '-') return set ?? operand ?? '';
      // A plain ${A} left unset would be an empty string in Compose: treat it as a mistake.
      if (set === undefined || (operator === ':?' && set === '')) throw new Error(`\${${name}} is not set (${operand || 'required'})`);
      return set;
    })
    .replaceAll('$$', '$');
}
