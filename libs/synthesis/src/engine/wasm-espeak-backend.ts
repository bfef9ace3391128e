import { phonemize } from 'phonemizer';
import type { PhonemizerBackend } from './phonemizer-backend.js';

/**
 * espeak-ng compiled to WebAssembly (the `phonemizer` package): runs anywhere, on the main thread,
 * and synthesises audio it throws away. It is not re-entrant: every call waits for the previous one.
 */
export class WasmEspeakBackend implements PhonemizerBackend {
  readonly name = 'wasm';
  private tail: Promise<unknown> = Promise.resolve();

  phonemize(text: string, espeakVoice: string): Promise<string[]> {
    const run = this.tail.then(() => phonemize(text, espeakVoice));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
