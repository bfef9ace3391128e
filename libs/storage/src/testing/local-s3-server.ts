import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3Server {
  connection: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  close(): Promise<void>;
}

/** An S3-compatible server (s3rver) on a free port, storing in a temporary directory. */
export async function startLocalS3Server(): Promise<LocalS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'voxify-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, allowMismatchedSignatures: true });
  const { port } = await server.run();
  return {
    connection: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
