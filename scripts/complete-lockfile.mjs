// The npm registry reachable from the project machines does not serve every platform build of some
// native packages (e.g. @swc/core-darwin-arm64@1.16.22), so `npm install` leaves those optional
// dependencies out of package-lock.json, and `npm ci` then rejects the lockfile as out of sync.
// This adds a plain entry (version, optional) for each missing optional dependency: `npm ci`
// accepts the lockfile and skips them, as it skips any other platform's build.
// Run it after every `npm install` that changes package-lock.json: `npm run lockfile:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added.push(`${name}@${version}`);
  }
}
if (added.length > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(
  added.length > 0 ? `Added ${added.length} optional platform packages:\n  ${added.join('\n  ')}\n` : 'package-lock.json is complete\n',
);
