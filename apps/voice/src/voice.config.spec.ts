import { ConfigValidationError } from '#service-runtime';
import { loadVoiceConfig } from './voice.config.js';

function problemsOf(environment: NodeJS.ProcessEnv): string {
  try {
    loadVoiceConfig(environment);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error('Expected the configuration to be refused');
}

describe('loadVoiceConfig', () => {
  it('defaults to the local blob store and samples of 1 s to 10 min, decoded within 30 s, trained at 16 kHz', () => {
    expect(loadVoiceConfig({})).toEqual({
      blobStore: { kind: 'local', directory: './data/files' },
      samples: { minSeconds: 1, maxSeconds: 600, decodeTimeoutMs: 30_000, trainingSampleRate: 16_000, audioThreads: 1 },
    });
  });

  it('reads the sample limits', () => {
    const config = loadVoiceConfig({
      FILES_DIR: '/srv/files',
      VOICE_SAMPLE_MIN_SECONDS: '0.5',
      VOICE_SAMPLE_MAX_SECONDS: '120',
      VOICE_SAMPLE_DECODE_TIMEOUT_MS: '5000',
      VOICE_TRAINING_SAMPLE_RATE: '22050',
      VOICE_AUDIO_WORKERS: '0',
    });
    expect(config).toEqual({
      blobStore: { kind: 'local', directory: '/srv/files' },
      samples: { minSeconds: 0.5, maxSeconds: 120, decodeTimeoutMs: 5000, trainingSampleRate: 22050, audioThreads: 0 },
    });
  });

  it('refuses limits that are not positive, and an S3 store without its bucket', () => {
    expect(problemsOf({ VOICE_SAMPLE_MAX_SECONDS: '0' })).toMatch(/VOICE_SAMPLE_MAX_SECONDS/);
    expect(problemsOf({ VOICE_SAMPLE_DECODE_TIMEOUT_MS: 'soon' })).toMatch(/VOICE_SAMPLE_DECODE_TIMEOUT_MS/);
    expect(problemsOf({ BLOB_STORE: 's3' })).toMatch(/S3_BUCKET/);
  });
});
