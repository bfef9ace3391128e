/** Which espeak-ng the phonemizer runs: the system library through the addon, or the WASM build. */
export type PhonemizerBackendName = 'native' | 'wasm';

/** SYNTHESIS_PHONEMIZER: `auto` takes the native backend when it loads, else the WASM one. */
export type PhonemizerChoice = 'auto' | PhonemizerBackendName;

export interface PhonemizerBackend {
  readonly name: PhonemizerBackendName;
  /** One IPA string per clause, as `espeak-ng -q --ipa -v <voice>` prints them. */
  phonemize(text: string, espeakVoice: string): Promise<string[]>;
}
