import { existsSync } from 'node:fs';
import { EspeakPhonemizer } from './espeak-phonemizer.js';

const hasEspeak = existsSync('/usr/include/espeak-ng/speak_lib.h');
const missing = '/nonexistent/espeak_ng_addon.node';

describe('EspeakPhonemizer', () => {
  it('falls back to the WASM backend when the addon is not there, and says why', async () => {
    const phonemizer = new EspeakPhonemizer({ addonPath: missing });
    expect(phonemizer.backend).toBe('wasm');
    expect(phonemizer.fallbackReason).toContain(missing);
    expect(phonemizer.describe()).toMatch(/^Phonemizer: espeak-ng WASM/);
    expect(await phonemizer.phonemize('Hello world, again', 'en-us')).toBe('həlˈoʊ wˈɜːld ɐɡˈɛn');
  });

  it('fails with a clear error when native is required and not there', () => {
    expect(() => new EspeakPhonemizer({ choice: 'native', addonPath: missing })).toThrow(
      /SYNTHESIS_PHONEMIZER=native, but the native espeak-ng phonemizer is unavailable: the espeak-ng addon is not built/,
    );
  });

  it('uses WASM when asked, even where the native backend loads', () => {
    expect(new EspeakPhonemizer({ choice: 'wasm' }).backend).toBe('wasm');
  });

  (hasEspeak ? it : it.skip)('takes the native backend by default where libespeak-ng is installed, with the same text', async () => {
    const native = new EspeakPhonemizer();
    expect(native.backend).toBe('native');
    expect(native.describe()).toMatch(/^Phonemizer: native libespeak-ng \d/);
    const wasm = new EspeakPhonemizer({ choice: 'wasm' });
    for (const text of ['Hello world, again', 'It costs $3.50 on 01/02/2023', 'sir'])
      expect(await native.phonemize(text, 'en-us')).toBe(await wasm.phonemize(text, 'en-us'));
  });
});
