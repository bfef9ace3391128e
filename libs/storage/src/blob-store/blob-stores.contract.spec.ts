import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '../testing/blob-store.contract.js';
import { startLocalS3Server } from '../testing/local-s3-server.js';
import { LocalFileBlobStore } from './local-file-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

describeBlobStoreContract('LocalFileBlobStore', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'voxify-blobs-'));
  return { store: new LocalFileBlobStore(directory), close: () => rm(directory, { recursive: true, force: true }) };
});

// The S3 adapter runs against a real S3-compatible server started here (s3rver); only when none
// can be started is it left out, with the reason printed.
const s3 = await startLocalS3Server().catch((error: unknown) => {
  console.warn(`S3BlobStore contract not run: no local S3-compatible server could be started (${String(error)})`);
  return undefined;
});

if (s3) {
  describeBlobStoreContract('S3BlobStore', async () => {
    const store = new S3BlobStore({ ...s3.connection, bucket: 'voxify-contract' });
    await store.ensureBucket();
    return {
      store,
      close: async () => {
        await store.close();
        await s3.close();
      },
    };
  });
}
