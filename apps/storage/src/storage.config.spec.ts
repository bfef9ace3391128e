import { ConfigValidationError } from '#service-runtime';
import { loadStorageConfig } from './storage.config.js';

function problemsOf(environment: NodeJS.ProcessEnv): string {
  try {
    loadStorageConfig(environment);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
  throw new Error('Expected the configuration to be refused');
}

describe('loadStorageConfig', () => {
  it('defaults to the local file system under ./data/files, swept every minute', () => {
    expect(loadStorageConfig({})).toEqual({ blobStore: { kind: 'local', directory: './data/files' }, sweepIntervalMs: 60_000 });
  });

  it('reads an S3-compatible store (MinIO)', () => {
    const config = loadStorageConfig({
      BLOB_STORE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'voxify',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'true',
      FILE_SWEEP_INTERVAL_MS: '5000',
    });
    expect(config).toEqual({
      blobStore: {
        kind: 's3',
        endpoint: 'http://minio:9000',
        region: 'us-east-1',
        bucket: 'voxify',
        accessKeyId: 'minio',
        secretAccessKey: 'minio-secret',
        forcePathStyle: true,
      },
      sweepIntervalMs: 5000,
    });
  });

  it('wants a bucket for S3, both keys or neither, and never echoes the secret', () => {
    const message = problemsOf({ BLOB_STORE: 's3', S3_SECRET_ACCESS_KEY: 'very-secret-value', S3_ENDPOINT: 'minio:9000' });
    expect(message).toMatch(/S3_BUCKET: is required when BLOB_STORE=s3/);
    expect(message).toMatch(/S3_ACCESS_KEY_ID: set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/);
    expect(message).toMatch(/S3_ENDPOINT/);
    expect(message).not.toContain('very-secret-value');
    expect(problemsOf({ BLOB_STORE: 'ftp' })).toContain('BLOB_STORE');
  });
});
