import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CheckUploadQuotaQuery,
  createId,
  DEFAULT_PLATFORM_CONFIG,
  DeleteStoredFileCommand,
  GetStorageUsageQuery,
  GetStoredFileQuery,
  ListStoredFilesQuery,
  PlatformConfigChangedEvent,
  RegisterStoredFileCommand,
  serviceStatsQuery,
  StorageErrorCode,
  StoredFileDeletedEvent,
  StoredFileRegisteredEvent,
  type FilePurpose,
  type PayloadOf,
  type PlatformConfig,
} from '#contracts';
import { waitUntil } from '../../../persistence/src/testing/wait-until.js';
import { blobKeyForFile } from '../blob-store/blob-keys.js';
import { startStorageTestApp, type StorageTestApp } from '../testing/storage-test-app.js';

const OWNER = 'usr_owner';
const OTHER = 'usr_other';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('storage service (real PostgreSQL, in-process bus)', () => {
  let app: StorageTestApp;
  let configVersion = 0;

  beforeAll(async () => {
    app = await startStorageTestApp();
  }, 30000);

  afterAll(async () => {
    await app?.close();
  });

  /** Stores content in the blob store as the gateway does, and returns the registration of it. */
  async function storedBlob(
    ownerId: string,
    purpose: FilePurpose = 'upload',
    content = `content ${Math.random()}`,
  ): Promise<PayloadOf<typeof RegisterStoredFileCommand>> {
    const fileId = createId('file');
    const stored = await app.blobs.put(blobKeyForFile(fileId), Readable.from([Buffer.from(content)]));
    return {
      file_id: fileId,
      owner_id: ownerId,
      purpose,
      filename: 'take.wav',
      content_type: 'audio/wav',
      size: stored.size,
      sha256: stored.sha256,
      blob_key: stored.key,
    };
  }

  async function publishConfig(changes: Partial<PlatformConfig>): Promise<void> {
    configVersion += 1;
    const config: PlatformConfig = {
      ...DEFAULT_PLATFORM_CONFIG,
      ...changes,
      version: configVersion,
      updated_at: new Date().toISOString(),
      updated_by: 'usr_admin',
    };
    await app.caller.publish(PlatformConfigChangedEvent, { config });
  }

  it('registers an upload and shows it to its owner, admins and signed URLs only', async () => {
    const registration = await storedBlob(OWNER);
    const view = await app.caller.send(RegisterStoredFileCommand, registration);

    expect(view).toMatchObject({
      file_id: registration.file_id,
      owner_id: OWNER,
      purpose: 'upload',
      filename: 'take.wav',
      content_type: 'audio/wav',
      size: registration.size,
      sha256: registration.sha256,
      blob_key: `files/${registration.file_id}`,
      duration: null,
      expires_at: null,
    });
    const byOwner = await app.caller.query(GetStoredFileQuery, {
      file_id: view.file_id,
      access: { kind: 'user', user_id: OWNER, admin: false },
    });
    expect(byOwner).toEqual(view);
    expect(
      await app.caller.query(GetStoredFileQuery, { file_id: view.file_id, access: { kind: 'user', user_id: OTHER, admin: true } }),
    ).toEqual(view);
    expect(await app.caller.query(GetStoredFileQuery, { file_id: view.file_id, access: { kind: 'signed_url' } })).toEqual(view);
    expect(
      await codeOf(app.caller.query(GetStoredFileQuery, { file_id: view.file_id, access: { kind: 'user', user_id: OTHER, admin: false } })),
    ).toBe(StorageErrorCode.FILE_NOT_FOUND);
    await waitUntil(() => app.eventsOf(StoredFileRegisteredEvent).some((event) => event.file_id === view.file_id), 'the registered event');
  });

  it('answers a redelivered registration with the same file, counting it once', async () => {
    const registration = await storedBlob('usr_redelivered');

    const first = await app.caller.send(RegisterStoredFileCommand, registration);
    const again = await app.caller.send(RegisterStoredFileCommand, registration);

    expect(again).toEqual(first);
    expect(await app.caller.query(GetStorageUsageQuery, { user_id: 'usr_redelivered' })).toMatchObject({ files: 1, uploads_today: 1 });
  });

  it('refuses a blob key that is not made from the file id', async () => {
    const registration = await storedBlob(OWNER);
    expect(await codeOf(app.caller.send(RegisterStoredFileCommand, { ...registration, blob_key: 'files/file_someoneelse' }))).toBe(
      'VALIDATION_ERROR',
    );
  });

  it('enforces the daily upload quota of the platform config, applied without a restart', async () => {
    const user = 'usr_quota';
    await publishConfig({ daily_quotas: { syntheses: 1000, uploads: 2 } });
    await waitUntil(
      async () => (await app.caller.query(GetStorageUsageQuery, { user_id: user })).uploads_daily_limit === 2,
      'the new quota applied',
    );

    await app.caller.send(RegisterStoredFileCommand, await storedBlob(user));
    expect(await app.caller.query(CheckUploadQuotaQuery, { user_id: user })).toEqual({ remaining: 1 });
    await app.caller.send(RegisterStoredFileCommand, await storedBlob(user));

    const refused = await storedBlob(user);
    let error: { code?: string; details?: { resets_at?: string } } = {};
    await app.caller.send(RegisterStoredFileCommand, refused).catch((caught: typeof error) => (error = caught));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.details?.resets_at).toMatch(/T00:00:00.000Z$/);
    expect(await codeOf(app.caller.query(CheckUploadQuotaQuery, { user_id: user }))).toBe('QUOTA_EXCEEDED');
    expect(await codeOf(app.caller.query(GetStoredFileQuery, { file_id: refused.file_id, access: { kind: 'signed_url' } }))).toBe(
      StorageErrorCode.FILE_NOT_FOUND,
    );
    // Synthesis outputs are not uploads.
    await app.caller.send(RegisterStoredFileCommand, await storedBlob(user, 'synthesis_output'));
    expect(await app.caller.query(GetStorageUsageQuery, { user_id: user })).toMatchObject({ files: 3, uploads_today: 2 });

    await publishConfig({});
  });

  it('lets a synthesis output expire after the configured hours', async () => {
    app.clock.set(new Date('2026-05-01T10:00:00Z'));
    await publishConfig({ file_expiry_hours: 2 });
    await waitUntil(async () => {
      const view = await app.caller.send(RegisterStoredFileCommand, await storedBlob(OWNER, 'synthesis_output'));
      return view.expires_at === '2026-05-01T12:00:00.000Z';
    }, 'outputs to expire after 2 hours');
    app.clock.set(new Date());
    await publishConfig({});
  });

  it('deletes the owner’s file (blob, row, usage, event) and refuses everybody else', async () => {
    const user = 'usr_deleter';
    const view = await app.caller.send(RegisterStoredFileCommand, await storedBlob(user, 'upload', 'delete me'));
    expect(await app.caller.query(GetStorageUsageQuery, { user_id: user })).toMatchObject({ bytes: 9, files: 1 });

    expect(await codeOf(app.caller.send(DeleteStoredFileCommand, { file_id: view.file_id, user_id: OTHER, admin: false }))).toBe(
      StorageErrorCode.FILE_NOT_FOUND,
    );
    expect(await app.blobs.head(view.blob_key)).toBeDefined();

    await app.caller.send(DeleteStoredFileCommand, { file_id: view.file_id, user_id: user, admin: false });

    expect(await app.blobs.head(view.blob_key)).toBeUndefined();
    expect(await codeOf(app.caller.query(GetStoredFileQuery, { file_id: view.file_id, access: { kind: 'signed_url' } }))).toBe(
      StorageErrorCode.FILE_NOT_FOUND,
    );
    expect(await codeOf(app.caller.send(DeleteStoredFileCommand, { file_id: view.file_id, user_id: user, admin: false }))).toBe(
      StorageErrorCode.FILE_NOT_FOUND,
    );
    expect(await app.caller.query(GetStorageUsageQuery, { user_id: user })).toMatchObject({ bytes: 0, files: 0 });
    await waitUntil(
      () => app.eventsOf(StoredFileDeletedEvent).some((event) => event.file_id === view.file_id && event.reason === 'deleted'),
      'the deleted event',
    );
    const [row] = (await app.dataSource.query(`SELECT deleted_at FROM storage.files WHERE id = $1`, [view.file_id])) as Array<{
      deleted_at: Date | null;
    }>;
    expect(row?.deleted_at).not.toBeNull();
  });

  it('lists the owner’s live files, newest first, page by page', async () => {
    const user = 'usr_lister';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      app.clock.advance(1000);
      ids.push((await app.caller.send(RegisterStoredFileCommand, await storedBlob(user))).file_id);
    }

    const first = await app.caller.query(ListStoredFilesQuery, { owner_id: user, page: 1, page_size: 2 });
    const second = await app.caller.query(ListStoredFilesQuery, { owner_id: user, page: 2, page_size: 2 });

    expect(first.files.map((file) => file.file_id)).toEqual([ids[2], ids[1]]);
    expect(second.files.map((file) => file.file_id)).toEqual([ids[0]]);
    expect(first.pagination).toEqual({ page: 1, page_size: 2, total_count: 3, total_pages: 2, has_next: true, has_prev: false });
    expect(Object.keys(first.files[0]!).sort()).toEqual([
      'content_type',
      'created_at',
      'duration',
      'expires_at',
      'file_id',
      'filename',
      'size',
    ]);
    expect(await codeOf(app.caller.query(ListStoredFilesQuery, { owner_id: user, page: 0, page_size: 500 }))).toBe('VALIDATION_ERROR');
  });

  it('sweeps expired files once with two sweepers side by side, and orphan temporary blobs', async () => {
    const user = 'usr_expiring';
    await app.sweeper.sweep(); // what earlier tests left expired
    const expiresAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const views = [];
    for (let i = 0; i < 5; i++) {
      views.push(
        await app.caller.send(RegisterStoredFileCommand, { ...(await storedBlob(user, 'synthesis_output')), expires_at: expiresAt }),
      );
    }
    const kept = await app.caller.send(RegisterStoredFileCommand, await storedBlob(user, 'upload'));
    const oldOrphan = join(app.filesDir, 'tmp', 'orphan-from-a-crash');
    const freshUpload = join(app.filesDir, 'tmp', 'upload-in-progress');
    await writeFile(oldOrphan, 'half an upload');
    await writeFile(freshUpload, 'still arriving');
    const twoHoursAgo = new Date(app.clock.now().getTime() - 2 * 3_600_000);
    await utimes(oldOrphan, twoHoursAgo, twoHoursAgo);
    const second = await app.startAnotherInstance();

    app.clock.advance(61_000);
    const results = await Promise.all([app.sweeper.sweep(), second.sweeper.sweep()]);

    expect(results[0]!.expiredFiles + results[1]!.expiredFiles).toBe(5);
    for (const view of views) {
      expect(await app.blobs.head(view.blob_key)).toBeUndefined();
      expect(await codeOf(app.caller.query(GetStoredFileQuery, { file_id: view.file_id, access: { kind: 'signed_url' } }))).toBe(
        StorageErrorCode.FILE_NOT_FOUND,
      );
    }
    const rows = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM storage.files WHERE owner_id = $1 AND deleted_at IS NOT NULL`,
      [user],
    )) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(5);
    expect(await app.blobs.head(kept.blob_key)).toBeDefined();
    expect(await app.caller.query(GetStorageUsageQuery, { user_id: user })).toMatchObject({ files: 1, bytes: kept.size });
    await waitUntil(
      () => app.eventsOf(StoredFileDeletedEvent).filter((event) => event.owner_id === user && event.reason === 'expired').length === 5,
      'five expired events',
    );
    expect(await app.blobs.head('tmp/orphan-from-a-crash')).toBeUndefined();
    expect(await app.blobs.head('tmp/upload-in-progress')).toBeDefined();
  });

  it('reports its stats section for the admin dashboard', async () => {
    const stats = await app.caller.query(serviceStatsQuery('storage'), {});
    const [expected] = (await app.dataSource.query(
      `SELECT count(*)::int AS total, coalesce(sum(size), 0)::int AS bytes FROM storage.files WHERE deleted_at IS NULL`,
    )) as Array<{ total: number; bytes: number }>;

    expect(stats).toEqual({ files: { total: expected!.total, total_bytes: expected!.bytes, stored_last_24h: expect.any(Number) } });
    expect(expected!.total).toBeGreaterThan(0);
  });
});
