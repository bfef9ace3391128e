import { phonemize } from 'phonemizer';

/**
 * espeak-ng (WASM) is not re-entrant: every call waits for the previous one. `phonemize` returns
 * one string per clause it found; callers pass one clause at a time and the pieces are joined.
 */
export class EspeakPhonemizer {
  private tail: Promise<unknown> = Promise.resolve();

  phonemize(text: string, espeakVoice: string): Promise<string> {
    const run = this.tail.then(async () => (await phonemize(text, espeakVoice)).join(' '));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The first call starts the WASM module (~0.7 s): do it at start, not on the first request. */
  async warm(espeakVoice: string): Promise<void> {
    await this.phonemize('warm up', espeakVoice);
  }
}
