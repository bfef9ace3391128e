// Builds the native addons into dist/native when their headers and libraries are there:
//   native/espeak-ng      → espeak_ng_addon.node  (the phonemizer; needs libespeak-ng-dev)
//   native/malloc-tuning  → malloc_tuning.node    (glibc malloc settings for the inference threads)
//   native/lame-mp3       → lame_mp3.node         (the MP3 encoder; needs libmp3lame-dev)
// An addon that cannot be built is reported in one line with what is used instead; this script
// never fails a build. An addon newer than its source (and this script) is left as it is.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

const includeDirs = ['/usr/include', '/usr/local/include', process.env.ESPEAK_NG_INCLUDE].filter(Boolean);
const nodeDirs = [join(dirname(process.execPath), '../include/node'), '/usr/include/node', '/usr/local/include/node'];
const nodeInclude = nodeDirs.find((dir) => existsSync(join(dir, 'node_api.h')));
const compiler = process.env.CC || 'cc';

const addons = [
  {
    name: 'espeak_ng_addon',
    what: 'the native espeak-ng phonemizer',
    fallback: 'the WASM phonemizer will be used',
    source: 'native/espeak-ng/espeak_ng_addon.c',
    prepare: () => {
      const espeakInclude = includeDirs.find((dir) => existsSync(join(dir, 'espeak-ng/speak_lib.h')));
      if (!espeakInclude) return { skip: 'no espeak-ng/speak_lib.h: apt-get install libespeak-ng-dev' };
      return { flags: ['-D_POSIX_C_SOURCE=200809L', `-I${espeakInclude}`], libs: ['-lespeak-ng', '-lpthread'] };
    },
  },
  {
    name: 'malloc_tuning',
    what: 'the malloc settings for inference threads',
    fallback: 'glibc keeps its defaults (higher RSS with several inference workers)',
    source: 'native/malloc-tuning/malloc_tuning.c',
    prepare: () => ({ flags: [], libs: [] }),
  },
  {
    name: 'lame_mp3',
    what: 'the native MP3 encoder',
    fallback: 'MP3 is encoded by lamejs (about 5 times slower)',
    source: 'native/lame-mp3/lame_mp3.c',
    prepare: () => {
      const lameInclude = includeDirs.find((dir) => existsSync(join(dir, 'lame/lame.h')));
      if (!lameInclude) return { skip: 'no lame/lame.h: apt-get install libmp3lame-dev' };
      return { flags: [`-I${lameInclude}`], libs: ['-lmp3lame'] };
    },
  },
];

mkdirSync(join(root, 'dist/native'), { recursive: true });
for (const addon of addons) {
  const source = join(root, addon.source);
  const target = join(root, 'dist/native', `${addon.name}.node`);
  if (mtime(target) > Math.max(mtime(source), mtime(self))) continue;
  const skip = (reason) => process.stdout.write(`${addon.name} not built (${reason}): ${addon.fallback}.\n`);
  if (!nodeInclude) {
    skip('no Node.js headers (node_api.h)');
    continue;
  }
  const prepared = addon.prepare();
  if (prepared.skip) {
    skip(prepared.skip);
    continue;
  }
  const partial = `${target}.${process.pid}.tmp`;
  try {
    execFileSync(
      compiler,
      [
        ...['-shared', '-fPIC', '-O2', '-std=c11', '-Wall', '-Wextra'],
        `-DNODE_GYP_MODULE_NAME=${addon.name}`,
        `-I${nodeInclude}`,
        ...prepared.flags,
        source,
        ...prepared.libs,
        '-o',
        partial,
      ],
      { stdio: ['ignore', 'inherit', 'pipe'] },
    );
    renameSync(partial, target);
    process.stdout.write(`Built ${addon.what}: ${target}\n`);
  } catch (error) {
    rmSync(partial, { force: true });
    const detail = String(error.stderr ?? error.message)
      .trim()
      .split('\n')[0];
    skip(`${compiler} failed: ${detail}`);
  }
}
