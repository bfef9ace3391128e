import type { BlobStoreConfig } from '#storage';

/** Limits and settings of voice samples (VOICE_SAMPLE_* variables). */
export interface VoiceSampleSettings {
  /** Shortest and longest audio accepted at upload, seconds (1 s and 10 min by default). */
  minSeconds: number;
  maxSeconds: number;
  /** Wall-clock budget of one decode (the upload's check and the analysis each decode once). */
  decodeTimeoutMs: number;
  /** Sample rate of the normalised mono copy kept for training (the default voice's). */
  trainingSampleRate: number;
  /** Worker threads that decode and measure samples; 0 does it on the event loop. */
  audioThreads: number;
}

export interface VoiceModuleOptions {
  /** The blob store the gateway and storage service use: samples are read and the normalised copies written there. */
  blobStore: BlobStoreConfig;
  samples: VoiceSampleSettings;
}

export const VOICE_MODULE_OPTIONS = Symbol('VOICE_MODULE_OPTIONS');
