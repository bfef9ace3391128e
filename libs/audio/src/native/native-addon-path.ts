import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where scripts/build-native.mjs puts an addon: dist/native under the repository root, the first
 * folder up from `from` with a package.json (the same from the sources, from dist and in an image).
 */
export function nativeAddonPath(file: string, from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (dir !== dirname(dir) && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, 'dist', 'native', file);
}
