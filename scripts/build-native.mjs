// Builds the native espeak-ng phonemizer (native/espeak-ng → dist/native/espeak_ng_addon.node)
// when libespeak-ng's headers and library and Node's headers are there. Without them, or when the
// compiler fails, it says that the WASM phonemizer will be used and exits 0: it never fails a build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'native/espeak-ng/espeak_ng_addon.c');
const target = join(root, 'dist/native/espeak_ng_addon.node');
const self = fileURLToPath(import.meta.url);

function skip(reason) {
  process.stdout.write(`espeak-ng addon not built (${reason}): the WASM phonemizer will be used.\n`);
  process.exit(0);
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
if (mtime(target) > Math.max(mtime(source), mtime(self))) process.exit(0);

const includeDirs = ['/usr/include', '/usr/local/include', process.env.ESPEAK_NG_INCLUDE].filter(Boolean);
const espeakInclude = includeDirs.find((dir) => existsSync(join(dir, 'espeak-ng/speak_lib.h')));
if (!espeakInclude) skip('no espeak-ng/speak_lib.h: apt-get install libespeak-ng-dev');

const nodeDirs = [join(dirname(process.execPath), '../include/node'), '/usr/include/node', '/usr/local/include/node'];
const nodeInclude = nodeDirs.find((dir) => existsSync(join(dir, 'node_api.h')));
if (!nodeInclude) skip('no Node.js headers (node_api.h)');

const compiler = process.env.CC || 'cc';
const partial = `${target}.${process.pid}.tmp`;
mkdirSync(dirname(target), { recursive: true });
try {
  execFileSync(
    compiler,
    [
      ...['-shared', '-fPIC', '-O2', '-std=c11', '-Wall', '-Wextra', '-D_POSIX_C_SOURCE=200809L'],
      '-DNODE_GYP_MODULE_NAME=espeak_ng_addon',
      `-I${nodeInclude}`,
      `-I${espeakInclude}`,
      source,
      '-lespeak-ng',
      '-lpthread',
      '-o',
      partial,
    ],
    { stdio: ['ignore', 'inherit', 'pipe'] },
  );
  renameSync(partial, target);
  process.stdout.write(`Built the native espeak-ng phonemizer: ${target}\n`);
} catch (error) {
  rmSync(partial, { force: true });
  const detail = String(error.stderr ?? error.message)
    .trim()
    .split('\n')[0];
  skip(`${compiler} failed: ${detail}`);
}
