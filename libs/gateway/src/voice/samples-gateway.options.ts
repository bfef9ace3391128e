import { z } from 'zod';
import { env } from '#service-runtime';
import type { BlobStoreConfig } from '#storage';

export interface VoiceSamplesGatewayOptions {
  /** The blob store the storage and voice services use: the upload is streamed into it. */
  blobStore: BlobStoreConfig;
  /** VOICE_SAMPLE_MAX_BYTES: the largest sample file (50 MB by default). */
  maxSampleBytes: number;
  /** VOICE_SAMPLE_UPLOAD_TIMEOUT_MS: how long the voice service gets to check (decode) an uploaded sample. */
  uploadTimeoutMs: number;
}

export const VOICE_SAMPLES_GATEWAY_OPTIONS = Symbol('VOICE_SAMPLES_GATEWAY_OPTIONS');

/** The gateway's voice-sample variables (the blob store's come with the files variables). */
export const voiceSamplesGatewayEnvShape = {
  VOICE_SAMPLE_MAX_BYTES: env.positiveInt(50 * 1024 * 1024),
  VOICE_SAMPLE_UPLOAD_TIMEOUT_MS: env.positiveInt(60_000),
};

export function voiceSamplesGatewayOptionsFrom(
  parsed: z.output<z.ZodObject<typeof voiceSamplesGatewayEnvShape>>,
  blobStore: BlobStoreConfig,
): VoiceSamplesGatewayOptions {
  return { blobStore, maxSampleBytes: parsed.VOICE_SAMPLE_MAX_BYTES, uploadTimeoutMs: parsed.VOICE_SAMPLE_UPLOAD_TIMEOUT_MS };
}
