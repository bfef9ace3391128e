import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { env, loadConfig } from '#service-runtime';
import { blobStoreConfigFrom, blobStoreEnvShape, MIN_FILE_URL_SECRET_LENGTH, refineBlobStoreEnv } from '#storage';
import type { SynthesisModuleOptions } from '#synthesis';

/** Variables of the synthesis service, on top of those every back-end service reads. */
export const synthesisEnvShape = {
  ...blobStoreEnvShape,
  VOXIFY_MODELS_DIR: z.string().min(1).default('models'),
  SYNTHESIS_THREADS: env.positiveInt(2),
  SYNTHESIS_WORKERS: env.positiveInt(2),
  ONNX_EXECUTION_PROVIDER: z.enum(['cpu', 'cuda', 'webgpu']).default('cpu'),
  SYNTHESIS_MAX_QUEUE: env.positiveInt(32),
  SYNTHESIS_MAX_BATCH: env.positiveInt(8),
  SYNTHESIS_BATCH_WAIT_MS: z.coerce.number().min(0).max(1000).default(2),
  FILE_URL_SECRET: z.string().min(MIN_FILE_URL_SECRET_LENGTH),
  SYNTHESIS_AUDIO_URL_TTL_SECONDS: env.positiveInt(3600),
  SYNTHESIS_CACHE_ENABLED: env.boolean(true),
  SYNTHESIS_JOB_HEARTBEAT_MS: env.positiveInt(5000),
  SYNTHESIS_PHONEMIZER: z.enum(['auto', 'native', 'wasm']).default('auto'),
};

/** A relative models folder is looked up from the working directory, then from the repository root. */
export function resolveModelsDir(configured: string, cwd = process.cwd()): string {
  if (isAbsolute(configured)) return configured;
  const fromCwd = resolve(cwd, configured);
  if (existsSync(fromCwd)) return fromCwd;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json')) && existsSync(resolve(dir, configured))) return resolve(dir, configured);
    dir = dirname(dir);
  }
  return fromCwd;
}

export function loadSynthesisConfig(source: NodeJS.ProcessEnv = process.env): SynthesisModuleOptions {
  return synthesisConfigFrom(loadConfig('synthesis', z.object(synthesisEnvShape).superRefine(refineBlobStoreEnv), source));
}

export function synthesisConfigFrom(parsed: z.output<z.ZodObject<typeof synthesisEnvShape>>): SynthesisModuleOptions {
  return {
    modelsDir: resolveModelsDir(parsed.VOXIFY_MODELS_DIR),
    threads: parsed.SYNTHESIS_THREADS,
    workers: parsed.SYNTHESIS_WORKERS,
    provider: parsed.ONNX_EXECUTION_PROVIDER,
    maxQueue: parsed.SYNTHESIS_MAX_QUEUE,
    maxBatch: parsed.SYNTHESIS_MAX_BATCH,
    batchWaitMs: parsed.SYNTHESIS_BATCH_WAIT_MS,
    blobStore: blobStoreConfigFrom(parsed),
    fileUrlSecret: parsed.FILE_URL_SECRET,
    audioUrlTtlSeconds: parsed.SYNTHESIS_AUDIO_URL_TTL_SECONDS,
    cacheEnabled: parsed.SYNTHESIS_CACHE_ENABLED,
    jobHeartbeatMs: parsed.SYNTHESIS_JOB_HEARTBEAT_MS,
    phonemizer: parsed.SYNTHESIS_PHONEMIZER,
  };
}
