import type { PhonemizerBackend } from './phonemizer-backend.js';

type Phonemize = (text: string, voice: string) => Promise<string[]>;

/**
 * espeak-ng compiled to WebAssembly (the `phonemizer` package): runs anywhere, on the main thread,
 * and synthesises audio it throws away. It is not re-entrant: every call waits for the previous one.
 * The package starts its WASM module when imported (~30 MB), so it is imported on first use only.
 */
export class WasmEspeakBackend implements PhonemizerBackend {
  readonly name = 'wasm';
  private tail: Promise<unknown> = Promise.resolve();
  private module: Promise<Phonemize> | undefined;

  phonemize(text: string, espeakVoice: string): Promise<string[]> {
    this.module ??= import('phonemizer').then((loaded) => loaded.phonemize);
    const module = this.module;
    const run = this.tail.then(async () => (await module)(text, espeakVoice));
    this.tail = run.catch(() => undefined);
    return run;
  }
}
