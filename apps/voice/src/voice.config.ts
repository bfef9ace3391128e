import { z } from 'zod';
import { env, loadConfig } from '#service-runtime';
import { blobStoreConfigFrom, blobStoreEnvShape, refineBlobStoreEnv } from '#storage';
import type { VoiceModuleOptions } from '#voice';

/** Variables of the voice service, on top of those every back-end service reads. */
export const voiceEnvShape = {
  ...blobStoreEnvShape,
  VOICE_SAMPLE_MIN_SECONDS: z.coerce.number().positive().default(1),
  VOICE_SAMPLE_MAX_SECONDS: z.coerce.number().positive().default(600),
  VOICE_SAMPLE_DECODE_TIMEOUT_MS: env.positiveInt(30_000),
  VOICE_TRAINING_SAMPLE_RATE: env.positiveInt(16_000),
  VOICE_AUDIO_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
};

export function voiceConfigFrom(parsed: z.output<z.ZodObject<typeof voiceEnvShape>>): VoiceModuleOptions {
  return {
    blobStore: blobStoreConfigFrom(parsed),
    samples: {
      minSeconds: parsed.VOICE_SAMPLE_MIN_SECONDS,
      maxSeconds: parsed.VOICE_SAMPLE_MAX_SECONDS,
      decodeTimeoutMs: parsed.VOICE_SAMPLE_DECODE_TIMEOUT_MS,
      trainingSampleRate: parsed.VOICE_TRAINING_SAMPLE_RATE,
      audioThreads: parsed.VOICE_AUDIO_WORKERS,
    },
  };
}

export function loadVoiceConfig(source: NodeJS.ProcessEnv = process.env): VoiceModuleOptions {
  return voiceConfigFrom(loadConfig('voice', z.object(voiceEnvShape).superRefine(refineBlobStoreEnv), source));
}
