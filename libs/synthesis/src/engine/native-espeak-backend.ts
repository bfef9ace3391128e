import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { nativeAddonPath } from '#audio';
import type { PhonemizerBackend } from './phonemizer-backend.js';

/** What native/espeak-ng/espeak_ng_addon.c exports. */
interface EspeakNgAddon {
  init(dataPath?: string): number;
  phonemize(text: string, voice: string): Promise<string[]>;
  version(): string;
}

export function defaultEspeakAddonPath(): string {
  return nativeAddonPath('espeak_ng_addon.node');
}

/**
 * The system's libespeak-ng through our N-API addon: no audio is made for ordinary text, the work
 * runs on the libuv pool (one call at a time inside espeak-ng, which is not thread-safe) and the
 * clauses are the CLI's `espeak-ng -q --ipa -l 100000` lines.
 */
export class NativeEspeakBackend implements PhonemizerBackend {
  readonly name = 'native';

  private constructor(
    private readonly addon: EspeakNgAddon,
    /** libespeak-ng's version, e.g. "1.51". */
    readonly version: string,
  ) {}

  /** Loads and initialises the addon; throws with the reason when it is missing or does not load. */
  static load(addonPath = defaultEspeakAddonPath()): NativeEspeakBackend {
    if (!existsSync(addonPath))
      throw new Error(`the espeak-ng addon is not built (${addonPath}; run npm run build with libespeak-ng-dev installed)`);
    const addon = createRequire(import.meta.url)(addonPath) as EspeakNgAddon;
    addon.init();
    return new NativeEspeakBackend(addon, addon.version());
  }

  /** The CLI's lines, without its empty ones (a clause of punctuation only), as the WASM backend gives them. */
  async phonemize(text: string, espeakVoice: string): Promise<string[]> {
    return (await this.addon.phonemize(text, espeakVoice)).filter((clause) => clause.length > 0);
  }
}
