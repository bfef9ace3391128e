import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { nativeAddonPath } from '../native/native-addon-path.js';

/** native/lame-mp3 as scripts/build-native.mjs builds it into dist/native. */
export interface LameAddon {
  open(sampleRate: number, bitrateKbps: number): object;
  encode(encoder: object, samples: Float32Array): Buffer;
  flush(encoder: object): Buffer;
}

let loaded: { addon?: LameAddon; reason?: string } | undefined;

/** The addon, or undefined with the reason (`npm run build` makes it where libmp3lame-dev is installed). */
export function nativeLame(): { addon?: LameAddon; reason?: string } {
  if (loaded) return loaded;
  const path = nativeAddonPath('lame_mp3.node');
  if (!existsSync(path)) return (loaded = { reason: `no ${path}` });
  try {
    return (loaded = { addon: createRequire(import.meta.url)(path) as LameAddon });
  } catch (error) {
    return (loaded = { reason: error instanceof Error ? error.message : String(error) });
  }
}
