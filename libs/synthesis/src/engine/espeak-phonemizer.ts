import { NativeEspeakBackend } from './native-espeak-backend.js';
import type { PhonemizerBackend, PhonemizerBackendName, PhonemizerChoice } from './phonemizer-backend.js';
import { WasmEspeakBackend } from './wasm-espeak-backend.js';

export interface EspeakPhonemizerOptions {
  /** SYNTHESIS_PHONEMIZER (default auto); `native` throws when the addon does not load. */
  choice?: PhonemizerChoice;
  /** The built addon; by default dist/native/espeak_ng_addon.node. */
  addonPath?: string;
}

/**
 * Text to IPA with espeak-ng: the system's libespeak-ng when its addon loads (fast, off the main
 * thread), else the WASM build. Callers pass one clause at a time; the pieces espeak returns are joined.
 */
export class EspeakPhonemizer {
  private readonly impl: PhonemizerBackend;
  /** Why the native backend is not used, when it is not. */
  readonly fallbackReason?: string;

  constructor(options: EspeakPhonemizerOptions = {}) {
    const choice = options.choice ?? 'auto';
    if (choice === 'wasm') {
      this.impl = new WasmEspeakBackend();
      this.fallbackReason = 'SYNTHESIS_PHONEMIZER=wasm';
      return;
    }
    try {
      this.impl = NativeEspeakBackend.load(options.addonPath);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (choice === 'native')
        throw new Error(`SYNTHESIS_PHONEMIZER=native, but the native espeak-ng phonemizer is unavailable: ${reason}`, {
          cause: error,
        });
      this.impl = new WasmEspeakBackend();
      this.fallbackReason = reason;
    }
  }

  /** The espeak-ng in use: `native` (libespeak-ng) or `wasm`. */
  get backend(): PhonemizerBackendName {
    return this.impl.name;
  }

  /** One line for the start log. */
  describe(): string {
    if (this.impl instanceof NativeEspeakBackend) return `Phonemizer: native libespeak-ng ${this.impl.version}`;
    return `Phonemizer: espeak-ng WASM (${this.fallbackReason})`;
  }

  async phonemize(text: string, espeakVoice: string): Promise<string> {
    return (await this.impl.phonemize(text, espeakVoice)).join(' ');
  }

  /** The WASM module starts on its first call (~0.7 s): do it at start, not on the first request. */
  async warm(espeakVoice: string): Promise<void> {
    await this.phonemize('warm up', espeakVoice);
  }
}
