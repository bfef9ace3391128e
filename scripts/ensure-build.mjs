// Builds dist/ when it is missing or older than the sources, so `npm start` works on a fresh clone,
// and the native espeak-ng phonemizer (scripts/build-native.mjs: quick when it is up to date).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'dist/.tsbuildinfo.build');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name === 'package.json' || entry.name.startsWith('tsconfig'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['apps', 'libs', 'bench', 'test/support'].map((d) => join(root, d)).filter(existsSync);
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestSource), statSync(join(root, 'package.json')).mtimeMs);
if (changedAt > builtAt) {
  process.stdout.write('Building Voxify (tsc)...\n');
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
}

execFileSync(process.execPath, [join(root, 'scripts/build-native.mjs')], { stdio: 'inherit', cwd: root });
