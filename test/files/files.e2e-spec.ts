import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { createId, DEFAULT_PLATFORM_CONFIG, PlatformConfigChangedEvent, RegisterStoredFileCommand, type FileInfoView } from '#contracts';
import { AccessTokenSigner } from '#identity';
import { RabbitMqMessageBus } from '#messaging';
import { blobKeyForFile, LocalFileBlobStore } from '#storage';
import { ApiClient, appEntry, createTestDatabase, createTestVhost, freePort, waitFor } from '#test-support';
import { generatedBody, hashOf } from './support/byte-streams.js';
import { MeasuredProcess } from './support/measured-process.js';
import { peakRssGrowth } from './support/memory-sampler.js';

/**
 * Files end to end, as deployed: the storage service and the gateway as their own processes on the
 * real PostgreSQL and RabbitMQ, sharing a local blob store directory. Access tokens are minted with
 * the gateway's JWT secret (identity is not needed to prove file access rules).
 */
const JWT_SECRET = `files-e2e-${randomUUID()}-${randomUUID()}`;
const FILE_URL_SECRET = `file-urls-${randomUUID()}-${randomUUID()}`;
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

describe('files (storage + gateway processes on PostgreSQL and RabbitMQ)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let vhost: Awaited<ReturnType<typeof createTestVhost>>;
  let filesDir: string;
  let storage: MeasuredProcess;
  let gateway: MeasuredProcess;
  let api: ApiClient;
  let origin: string;
  let db: pg.Client;
  let bus: RabbitMqMessageBus;
  const tokens = new AccessTokenSigner({ secret: JWT_SECRET, issuer: 'voxify', audience: 'voxify-api', ttlSeconds: 900 });

  function tokenFor(userId: string, roles: string[] = ['user']): string {
    return tokens.issue({ userId, email: `${userId}@example.com`, roles, sessionId: `ses_${userId}` }).token;
  }

  beforeAll(async () => {
    [database, vhost] = await Promise.all([createTestDatabase('voxify_files_e2e'), createTestVhost('voxify-files-e2e')]);
    filesDir = await mkdtemp(join(tmpdir(), 'voxify-files-e2e-'));
    const common = { AMQP_URL: vhost.url, FILES_DIR: filesDir, BLOB_STORE: 'local', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '2000' };
    storage = new MeasuredProcess('storage', appEntry('storage'), {
      ...common,
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      FILE_SWEEP_INTERVAL_MS: '250',
    }).start();
    const port = await freePort();
    gateway = new MeasuredProcess('api-gateway', appEntry('api-gateway'), {
      ...common,
      PORT: String(port),
      GRPC_ENABLED: 'false',
      JWT_SECRET,
      FILE_URL_SECRET,
      MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      SIGNED_URL_MAX_TTL_SECONDS: '600',
      RATE_LIMIT_PER_MINUTE: '10000',
    }).start();
    origin = `http://127.0.0.1:${port}`;
    api = new ApiClient(`${origin}/api/v1`);
    await waitFor(
      'storage ready behind the gateway',
      async () => {
        const health = await api.get<{ services?: { storage?: { status: string } } }>('/health').catch(() => undefined);
        return health?.body.data?.services?.storage?.status === 'ready' ? true : undefined;
      },
      45000,
      300,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${storage.logTail()}\n${gateway.logTail()}`);
    });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    bus = await RabbitMqMessageBus.connect({ service: 'files-e2e-test', url: vhost.url });
  }, 60000);

  afterAll(async () => {
    await bus?.close();
    await db?.end();
    await Promise.all([gateway?.stop(), storage?.stop()]);
    await Promise.allSettled([database?.drop(), vhost?.drop(), rm(filesDir, { recursive: true, force: true })]);
  }, 30000);

  async function upload(token: string, content: Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
    const response = await fetch(`${origin}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav', 'x-file-name': 'take%201.wav', ...headers },
      body: content,
      duplex: 'half',
    } as RequestInit);
    return {
      status: response.status,
      body: (await response.json()) as {
        success: boolean;
        data?: FileInfoView;
        error?: { code: string; details?: { resets_at?: string } };
      },
    };
  }

  function download(path: string, headers: Record<string, string> = {}) {
    return fetch(`${origin}${path.startsWith('/api') ? path : `/api/v1${path}`}`, { headers });
  }

  async function blobKeysOnDisk(): Promise<string[]> {
    const keys: string[] = [];
    for (const prefix of ['files', 'tmp']) {
      for (const name of await readdir(join(filesDir, prefix)).catch(() => [] as string[])) keys.push(`${prefix}/${name}`);
    }
    return keys.sort();
  }

  async function rowsOf(ownerId: string): Promise<Array<{ id: string; deleted_at: Date | null }>> {
    return (await db.query(`SELECT id, deleted_at FROM storage.files WHERE owner_id = $1`, [ownerId])).rows;
  }

  const alice = tokenFor('usr_alice');
  const bob = tokenFor('usr_bob');
  const content = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

  let aliceFile: FileInfoView;

  it('uploads a raw body (201, the file info) and downloads it whole with its headers', async () => {
    const created = await upload(alice, content);

    expect(created.status).toBe(201);
    aliceFile = created.body.data!;
    expect(aliceFile).toEqual({
      file_id: expect.stringMatching(/^file_[0-9a-z]+$/),
      filename: 'take 1.wav',
      content_type: 'audio/wav',
      size: content.length,
      duration: null,
      created_at: expect.any(String),
      expires_at: null,
    });

    const response = await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}` });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-length')).toBe(String(content.length));
    expect(response.headers.get('etag')).toBe(`"${createHash('sha256').update(content).digest('hex')}"`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="take 1.wav"; filename*=UTF-8''take%201.wav`);

    const info = await api.get<FileInfoView>(`/files/${aliceFile.file_id}/info`, { token: alice });
    expect(info.status).toBe(200);
    expect(info.body.data).toEqual(aliceFile);
  });

  it('serves byte ranges (206, Content-Range), 416 past the end, and 304 for a matching ETag', async () => {
    const partial = await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}`, range: 'bytes=100-1123' });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 100-1123/${content.length}`);
    expect(partial.headers.get('content-length')).toBe('1024');
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(content.subarray(100, 1124));

    const tail = await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}`, range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(content.subarray(content.length - 10));

    const beyond = await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}`, range: 'bytes=5000-6000' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${content.length}`);
    expect(((await beyond.json()) as { error: { code: string } }).error.code).toBe('RANGE_NOT_SATISFIABLE');

    const etag = (await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}` })).headers.get('etag')!;
    const unchanged = await download(`/files/${aliceFile.file_id}`, { authorization: `Bearer ${alice}`, 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(await unchanged.text()).toBe('');
  });

  it('takes a multipart form upload as well', async () => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'audio/mpeg' }), 'voice.mp3');
    const response = await fetch(`${origin}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${alice}` }, body: form });
    const body = (await response.json()) as { data: FileInfoView };

    expect(response.status).toBe(201);
    expect(body.data).toMatchObject({ filename: 'voice.mp3', content_type: 'audio/mpeg', size: content.length });
    const back = await download(`/files/${body.data.file_id}`, { authorization: `Bearer ${alice}` });
    expect(Buffer.from(await back.arrayBuffer())).toEqual(content);
  });

  it('keeps users apart: another user can neither see, download, sign nor delete a file (404)', async () => {
    const id = aliceFile.file_id;
    expect((await api.get(`/files/${id}/info`, { token: bob })).body.error?.code).toBe('FILE_NOT_FOUND');
    expect((await api.get(`/files/${id}/info`, { token: bob })).status).toBe(404);
    expect((await download(`/files/${id}`, { authorization: `Bearer ${bob}` })).status).toBe(404);
    expect((await api.post(`/files/${id}/signed-url`, {}, { token: bob })).status).toBe(404);
    expect((await api.delete(`/files/${id}`, { token: bob })).status).toBe(404);
    const bobsList = await api.get<{ files: FileInfoView[] }>('/files', { token: bob });
    expect(bobsList.body.data?.files).toEqual([]);

    expect((await download(`/files/${id}`, { authorization: `Bearer ${alice}` })).status).toBe(200);
    const alicesList = await api.get<{ files: FileInfoView[] }>('/files', { token: alice });
    expect(alicesList.body.data?.files.map((file) => file.file_id)).toContain(id);
    expect((await download(`/files/${id}`)).status).toBe(401);
  });

  it('signs URLs that work without credentials, and refuses them altered (URL_INVALID) or expired (URL_EXPIRED)', async () => {
    const signed = await api.post<{ url: string; expires_at: string; expires_in: number }>(
      `/files/${aliceFile.file_id}/signed-url`,
      { expires_in: 60 },
      { token: alice },
    );
    expect(signed.status).toBe(200);
    expect(signed.body.data).toMatchObject({
      url: expect.stringMatching(/^\/api\/v1\/files\/file_\w+\?expires=\d+&signature=/),
      expires_in: 60,
    });
    const url = signed.body.data!.url;

    const viaUrl = await download(url);
    expect(viaUrl.status).toBe(200);
    expect(Buffer.from(await viaUrl.arrayBuffer())).toEqual(content);
    const ranged = await download(url, { range: 'bytes=0-9' });
    expect(ranged.status).toBe(206);
    await ranged.arrayBuffer();

    const altered = url.replace(/signature=(.)/, (_m, first: string) => `signature=${first === 'A' ? 'B' : 'A'}`);
    const laterExpiry = url.replace(/expires=(\d+)/, (_m, expires: string) => `expires=${Number(expires) + 3600}`);
    for (const bad of [altered, laterExpiry, url.replace(aliceFile.file_id, createId('file'))]) {
      const refused = await download(bad);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('URL_INVALID');
    }

    const tooLong = await api.post(`/files/${aliceFile.file_id}/signed-url`, { expires_in: 601 }, { token: alice });
    expect(tooLong.status).toBe(400);

    const shortLived = await api.post<{ url: string }>(`/files/${aliceFile.file_id}/signed-url`, { expires_in: 1 }, { token: alice });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await download(shortLived.body.data!.url);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('URL_EXPIRED');
  });

  it('deletes a file: its blob and row go, and it is not found afterwards', async () => {
    const created = await upload(alice, Buffer.from('short-lived'));
    const id = created.body.data!.file_id;
    expect(await blobKeysOnDisk()).toContain(blobKeyForFile(id));

    const deleted = await api.delete(`/files/${id}`, { token: alice });

    expect(deleted.status).toBe(200);
    expect(await blobKeysOnDisk()).not.toContain(blobKeyForFile(id));
    expect((await rowsOf('usr_alice')).find((row) => row.id === id)?.deleted_at).not.toBeNull();
    expect((await download(`/files/${id}`, { authorization: `Bearer ${alice}` })).status).toBe(404);
  });

  it('leaves no blob and no row when an upload is interrupted mid-stream, or announced too large (413)', async () => {
    const user = 'usr_interrupted';
    const token = tokenFor(user);
    const before = await blobKeysOnDisk();

    await new Promise<void>((resolve) => {
      const request = httpRequest(`${origin}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav', 'content-length': String(8 * MIB) },
      });
      request.on('error', () => resolve());
      request.on('response', (response) => {
        response.resume();
        resolve();
      });
      request.write(Buffer.alloc(2 * MIB, 7), () => setTimeout(() => request.destroy(), 200));
    });
    await waitFor(
      'the interrupted upload to be cleaned up',
      async () => ((await blobKeysOnDisk()).join() === before.join() ? true : undefined),
      5000,
      50,
    );
    expect(await rowsOf(user)).toEqual([]);

    const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${origin}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/wav', 'content-length': String(MAX_UPLOAD_BYTES + 1) },
      });
      request.on('error', reject);
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.write(Buffer.alloc(1024));
    });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await rowsOf(user)).toEqual([]);
    expect(await blobKeysOnDisk()).toEqual(before);
  });

  it('streams a 50 MB upload and download with the gateway’s memory bounded', async () => {
    const size = 50 * MIB;
    const token = tokenFor('usr_big');
    const mib = (bytes: number) => (bytes / MIB).toFixed(1);

    // The first large transfer also grows V8's young generation to its working size; the second
    // shows what a transfer itself costs once the heap is warm. A buffered body would add 50 MiB to both.
    const uploads = [];
    for (let round = 0; round < 2; round++) {
      const source = generatedBody(size);
      const measured = await peakRssGrowth(gateway, () => upload(token, source.body));
      expect(measured.result.status).toBe(201);
      expect(measured.result.body.data?.size).toBe(size);
      uploads.push({ ...measured, sha256: source.sha256() });
    }
    const [cold, warm] = uploads as [(typeof uploads)[number], (typeof uploads)[number]];
    const downloaded = await peakRssGrowth(gateway, async () =>
      hashOf((await download(`/files/${warm.result.body.data!.file_id}`, { authorization: `Bearer ${token}` })).body),
    );
    expect(downloaded.result).toEqual({ size, sha256: warm.sha256 });

    const growth = { cold: cold.peak - cold.baseline, warm: warm.peak - warm.baseline, download: downloaded.peak - downloaded.baseline };
    console.info(
      `gateway RSS, 50 MiB upload (first): ${mib(cold.baseline)} → peak ${mib(cold.peak)} MiB (+${mib(growth.cold)}); ` +
        `upload (second): ${mib(warm.baseline)} → ${mib(warm.peak)} MiB (+${mib(growth.warm)}); ` +
        `download: ${mib(downloaded.baseline)} → ${mib(downloaded.peak)} MiB (+${mib(growth.download)})`,
    );
    expect(growth.cold).toBeLessThan(40 * MIB);
    expect(growth.warm).toBeLessThan(16 * MIB);
    expect(growth.download).toBeLessThan(16 * MIB);
  }, 60000);

  it('sweeps an expired synthesis output: blob and row', async () => {
    const owner = 'usr_synth';
    const fileId = createId('file');
    const blobs = new LocalFileBlobStore(filesDir);
    const stored = await blobs.put(blobKeyForFile(fileId), Readable.from([Buffer.from('RIFF….WAVE')]));
    const view = await bus.send(RegisterStoredFileCommand, {
      file_id: fileId,
      owner_id: owner,
      purpose: 'synthesis_output',
      filename: 'syn.wav',
      content_type: 'audio/wav',
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.key,
      duration: 1.5,
      expires_at: new Date(Date.now() + 1500).toISOString(),
    });
    const info = await api.get<FileInfoView>(`/files/${fileId}/info`, { token: tokenFor(owner) });
    expect(info.body.data).toMatchObject({ duration: 1.5, expires_at: view.expires_at });

    // The sweeper deletes the blob inside the transaction that marks the row, so wait for the commit too.
    await waitFor(
      'the sweeper to remove the expired file',
      async () => ((await blobs.head(stored.key)) === undefined && (await rowsOf(owner))[0]?.deleted_at ? true : undefined),
      10000,
      100,
    );
    const [row] = await rowsOf(owner);
    expect(row?.deleted_at).not.toBeNull();
    expect((await api.get(`/files/${fileId}/info`, { token: tokenFor(owner) })).status).toBe(404);
  });

  it('refuses uploads past the daily quota with 429 QUOTA_EXCEEDED, reading the quota from the platform config', async () => {
    const user = 'usr_quota';
    const token = tokenFor(user);
    await bus.publish(PlatformConfigChangedEvent, {
      config: {
        ...DEFAULT_PLATFORM_CONFIG,
        daily_quotas: { syntheses: 1000, uploads: 2 },
        version: 1_000_000,
        updated_at: new Date().toISOString(),
        updated_by: 'usr_admin',
      },
    });
    expect((await upload(token, Buffer.from('one'))).status).toBe(201);
    await waitFor(
      'the lowered quota to apply',
      async () => ((await upload(token, Buffer.from('more'))).status === 429 ? true : undefined),
      5000,
      100,
    );

    const before = await blobKeysOnDisk();
    const refused = await upload(token, Buffer.from('one too many'));
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('QUOTA_EXCEEDED');
    expect(refused.body.error?.details?.resets_at).toMatch(/T00:00:00.000Z$/);
    expect(await blobKeysOnDisk()).toEqual(before);
    expect((await rowsOf(user)).length).toBe(2);
  });
});
