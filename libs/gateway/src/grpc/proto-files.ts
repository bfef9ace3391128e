import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The proto file of the Identity service, relative to the proto root. */
export const IDENTITY_PROTO = 'voxify/v1/identity.proto';

/** The proto file of the Tts service, relative to the proto root. */
export const TTS_PROTO = 'voxify/v1/tts.proto';

/**
 * The repository's `proto/` folder, found upwards from this module, so it is the same from
 * `libs/…/src` (tests) and `dist/libs/…` (the build). Deployments that move the files set
 * `protoRoot` in the gRPC options instead.
 */
export function findProtoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'proto');
    if (existsSync(join(candidate, IDENTITY_PROTO))) return candidate;
    if (dirname(directory) === directory) throw new Error(`No proto/${IDENTITY_PROTO} above ${from}`);
  }
}
