import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NativeEspeakBackend } from './native-espeak-backend.js';

const here = dirname(fileURLToPath(import.meta.url));
/** CI installs libespeak-ng-dev and espeak-ng (.ci/run): only a machine without them skips. */
const hasEspeak = existsSync('/usr/include/espeak-ng/speak_lib.h') && existsSync('/usr/bin/espeak-ng');
const describeNative = hasEspeak ? describe : describe.skip;

/** The lines of the CLI the voice was trained with, empty ones left out (as both backends do). */
async function cliClauses(text: string, voice: string): Promise<string[]> {
  const run = promisify(execFile)('espeak-ng', ['-q', '--ipa', '-v', voice, '-l', '100000'], { encoding: 'utf8' });
  run.child.stdin!.end(`${text}\n`);
  return (await run).stdout.split('\n').filter((line) => line.length > 0);
}

/** Maps with at most `width` calls in flight. */
async function mapLimited<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

describeNative('NativeEspeakBackend (libespeak-ng)', () => {
  let backend: NativeEspeakBackend;

  beforeAll(() => {
    // npm test builds it; a jest run on its own builds it here (quick when up to date).
    execFileSync(process.execPath, [join(here, '../../../../scripts/build-native.mjs')], { stdio: 'ignore' });
    backend = NativeEspeakBackend.load();
  });

  it('gives exactly the CLI lines for 369 sentences (training and eval texts, numbers, abbreviations, punctuation)', async () => {
    const sentences = readFileSync(join(here, 'espeak-corpus.txt'), 'utf8').split('\n').filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(300);
    const results = await mapLimited(sentences, 4, async (text) => ({
      text,
      native: await backend.phonemize(text, 'en-us'),
      cli: await cliClauses(text, 'en-us'),
    }));
    expect(results.filter((r) => JSON.stringify(r.native) !== JSON.stringify(r.cli))).toEqual([]);
  }, 120_000);

  it('gives a clause without a primary stress its tonic syllable, as the CLI does (sir → sˈɜː, not sˌɜː)', async () => {
    for (const text of ['sir', 'of the', 'Such an excess of stupidity, sir, is not in Nature.', 'Hmm, uh-huh, mm-hmm.'])
      expect(await backend.phonemize(text, 'en-us')).toEqual(await cliClauses(text, 'en-us'));
    expect(await backend.phonemize('sir', 'en-us')).toEqual(['sˈɜː']);
  });

  it('ends a clause at a line break, like the CLI with -l 100000; empty input gives no clause', async () => {
    const text = 'first line\nsecond line, with a comma\nthird';
    expect(await backend.phonemize(text, 'en-us')).toEqual(await cliClauses(text, 'en-us'));
    expect(await backend.phonemize(text, 'en-us')).toHaveLength(4);
    expect(await backend.phonemize('', 'en-us')).toEqual([]);
    expect(await backend.phonemize('...', 'en-us')).toEqual([]);
  });

  it('answers 50 concurrent calls with mixed voices each with its own result', async () => {
    const texts = [
      'Tomato, tomato.',
      'The schedule is on the laboratory table.',
      'I can not dance; no!',
      'Water the garden at eight.',
      'Hello?',
    ];
    const calls = Array.from({ length: 50 }, (_, i) => ({ text: texts[i % texts.length]!, voice: i % 3 === 0 ? 'en-gb' : 'en-us' }));
    const expected = new Map<string, string[]>();
    for (const { text, voice } of calls) expected.set(`${voice}|${text}`, await cliClauses(text, voice));
    expect(expected.get('en-gb|Tomato, tomato.')).not.toEqual(expected.get('en-us|Tomato, tomato.'));

    const answers = await Promise.all(calls.map(({ text, voice }) => backend.phonemize(text, voice)));
    answers.forEach((answer, i) => expect(answer).toEqual(expected.get(`${calls[i]!.voice}|${calls[i]!.text}`)));
  });

  it('rejects an unknown voice with its name, and goes on working', async () => {
    await expect(backend.phonemize('hello', 'xx-nowhere')).rejects.toThrow("espeak-ng: unknown voice 'xx-nowhere'");
    expect(await backend.phonemize('hello', 'en-us')).toEqual(['həlˈoʊ']);
  });

  it('names its libespeak-ng version', () => {
    expect(backend.version).toMatch(/^\d+\.\d+/);
  });
});
