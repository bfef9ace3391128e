import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { BlobIncompleteError, BlobNotFoundError, BlobTooLargeError, type BlobStore } from '../blob-store/blob-store.js';
import { blobKeyForFile, FILE_BLOB_PREFIX, TEMPORARY_BLOB_PREFIX } from '../blob-store/blob-keys.js';
import { createId } from '#contracts';

export interface BlobStoreUnderTest {
  store: BlobStore;
  close(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const listing of store.list(prefix)) keys.push(listing.key);
  return keys.sort();
}

/** Dates made by Node's own modules come from another realm under Jest's VM, so `instanceof Date` fails there. */
function isDate(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Date]' && Number.isFinite((value as Date).getTime());
}

/** Chunks of random bytes, `total` in all, produced lazily (nothing large is held). */
function generated(total: number, chunkSize = 64 * 1024): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(chunkSize, total - sent));
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

/** A source that sends some bytes, then fails (a client that went away mid-upload). */
function failingAfter(bytes: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(randomBytes(bytes));
        return;
      }
      this.destroy(new Error('connection reset by peer'));
    },
  });
}

/** The behaviour every BlobStore adapter must have: one suite, run against each adapter. */
export function describeBlobStoreContract(name: string, start: () => Promise<BlobStoreUnderTest>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let subject: BlobStoreUnderTest;
    let store: BlobStore;

    beforeAll(async () => {
      subject = await start();
      store = subject.store;
    }, 30000);

    afterAll(async () => {
      await subject?.close();
    });

    const newKey = () => blobKeyForFile(createId('file'));

    it('stores a stream under its key with its size and SHA-256, and gives it back whole', async () => {
      const key = newKey();
      const content = Buffer.from('Voxify says hello');

      const stored = await store.put(key, Readable.from([content]));

      expect(stored).toEqual({ key, size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      expect(await readAll(await store.get(key))).toEqual(content);
      expect(await store.head(key)).toMatchObject({ size: content.length });
      expect(isDate((await store.head(key))?.lastModified)).toBe(true);
    });

    it('gives back an inclusive byte range', async () => {
      const key = newKey();
      const content = Buffer.from('0123456789abcdef');
      await store.put(key, Readable.from([content]));

      expect((await readAll(await store.get(key, { start: 3, end: 7 }))).toString()).toBe('34567');
      expect((await readAll(await store.get(key, { start: 15, end: 15 }))).toString()).toBe('f');
    });

    it('streams a content of several parts (12 MiB) and hashes it on the way', async () => {
      const key = newKey();
      const source = generated(12 * 1024 * 1024);

      const stored = await store.put(key, source.stream);

      expect(stored.size).toBe(12 * 1024 * 1024);
      expect(stored.sha256).toBe(source.sha256());
      const back = createHash('sha256');
      let size = 0;
      for await (const chunk of await store.get(key)) {
        back.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      expect(size).toBe(stored.size);
      expect(back.digest('hex')).toBe(stored.sha256);
    }, 60000);

    it('answers a missing key with BlobNotFoundError (get) and undefined (head)', async () => {
      const key = newKey();
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await store.head(key)).toBeUndefined();
    });

    it('deletes, and deleting what is not there is no error', async () => {
      const key = newKey();
      await store.put(key, Readable.from([Buffer.from('bye')]));

      await store.delete(key);
      await store.delete(key);

      expect(await store.head(key)).toBeUndefined();
    });

    it('refuses content over maxBytes and leaves nothing behind', async () => {
      const key = newKey();
      const before = await keysUnder(store, TEMPORARY_BLOB_PREFIX);

      await expect(store.put(key, generated(300 * 1024).stream, { maxBytes: 100 * 1024 })).rejects.toBeInstanceOf(BlobTooLargeError);

      expect(await store.head(key)).toBeUndefined();
      expect(await keysUnder(store, TEMPORARY_BLOB_PREFIX)).toEqual(before);
    });

    it('leaves nothing behind when the source fails mid-way or ends short of the announced size', async () => {
      const before = await keysUnder(store, TEMPORARY_BLOB_PREFIX);
      const broken = newKey();
      const short = newKey();

      await expect(store.put(broken, failingAfter(64 * 1024))).rejects.toThrow(/connection reset/);
      await expect(store.put(short, Readable.from([Buffer.alloc(10)]), { expectedBytes: 20 })).rejects.toBeInstanceOf(BlobIncompleteError);

      expect(await store.head(broken)).toBeUndefined();
      expect(await store.head(short)).toBeUndefined();
      expect(await keysUnder(store, TEMPORARY_BLOB_PREFIX)).toEqual(before);
    });

    it('lists committed keys by prefix with their size and age', async () => {
      const key = newKey();
      await store.put(key, Readable.from([Buffer.from('listed')]));

      const listings: Array<{ key: string; size: number; lastModified: Date }> = [];
      for await (const listing of store.list(FILE_BLOB_PREFIX)) listings.push(listing);

      expect(listings).toContainEqual({ key, size: 6, lastModified: expect.anything() });
      expect(listings.every((listing) => isDate(listing.lastModified))).toBe(true);
      expect(listings.every((listing) => listing.key.startsWith(FILE_BLOB_PREFIX))).toBe(true);
    });

    it('refuses keys that are not its own shape (no path can leave the store)', async () => {
      await expect(store.put('../etc/passwd', Readable.from([Buffer.from('x')]))).rejects.toThrow(/Not a valid blob key/);
      await expect(store.get('files/../../secret')).rejects.toThrow(/Not a valid blob key/);
    });
  });
}
