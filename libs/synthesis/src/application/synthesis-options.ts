import type { BlobStoreConfig } from '#storage';
import type { PhonemizerChoice } from '../engine/phonemizer-backend.js';
import type { ExecutionProvider } from '../engine/voice-session.js';

export interface SynthesisModuleOptions {
  /** VOXIFY_MODELS_DIR, resolved to an absolute path. */
  modelsDir: string;
  /** SYNTHESIS_THREADS: onnxruntime intra-op threads per inference worker. */
  threads: number;
  /** SYNTHESIS_WORKERS: inference worker threads per voice, each with its own session (default 1). */
  workers?: number;
  provider: ExecutionProvider;
  /** SYNTHESIS_MAX_BATCH: most sentences one inference run takes (default 8). */
  maxBatch?: number;
  /** SYNTHESIS_BATCH_WAIT_MS: how long a sentence waits for others to share its run (default 2). */
  batchWaitMs?: number;
  /** Requests allowed to wait for the model before OVERLOADED. */
  maxQueue: number;
  blobStore: BlobStoreConfig;
  /** FILE_URL_SECRET: the synthesis service signs the audio_url it answers. */
  fileUrlSecret: string;
  /** Lifetime of the signed audio_url, in seconds. */
  audioUrlTtlSeconds: number;
  /** SYNTHESIS_CACHE_ENABLED: answer an identical request of the same user with its stored output (default true). */
  cacheEnabled?: boolean;
  /** SYNTHESIS_JOB_HEARTBEAT_MS: sign of life of a running async synthesis; a worker silent for 3 is taken over. */
  jobHeartbeatMs?: number;
  /** SYNTHESIS_PHONEMIZER: espeak-ng through the native addon or WASM (default auto: native when it loads). */
  phonemizer?: PhonemizerChoice;
}

export const SYNTHESIS_MODULE_OPTIONS = Symbol('SYNTHESIS_MODULE_OPTIONS');
