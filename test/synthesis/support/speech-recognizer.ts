import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const INSTALL_HINT =
  'The intelligibility test needs the offline recogniser pocketsphinx: apt-get install -y pocketsphinx pocketsphinx-en-us';

/**
 * The words pocketsphinx hears in a 16 kHz mono 16-bit WAV file, lower case. Uses `pocketsphinx single`
 * (5.x) where installed, else `pocketsphinx_continuous -infile` (Debian 12 ships 0.8+5prealpha, whose
 * package has no `pocketsphinx` binary). Throws, never skips, when neither is on the PATH.
 */
export async function recognizeWords(wavPath: string): Promise<string[]> {
  if (await onPath('pocketsphinx')) {
    const { stdout } = await run('pocketsphinx', ['single', wavPath], { timeout: 60_000 });
    return wordsOf(
      stdout
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => (JSON.parse(line) as { t?: string }).t ?? '')
        .join(' '),
    );
  }
  if (await onPath('pocketsphinx_continuous')) {
    const { stdout } = await run('pocketsphinx_continuous', ['-infile', wavPath, '-logfn', '/dev/null'], { timeout: 60_000 });
    return wordsOf(stdout);
  }
  throw new Error(`${INSTALL_HINT} (neither pocketsphinx nor pocketsphinx_continuous is on the PATH)`);
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z']+/)
    .filter((word) => word.length > 0);
}

async function onPath(command: string): Promise<boolean> {
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const found = await access(join(folder, command), constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}
