import { Readable } from 'node:stream';
import {
  createId,
  DeleteVoiceSampleCommand,
  GetVoiceSampleQuery,
  ListVoiceSamplesQuery,
  PlatformConfigChangedEvent,
  serviceStatsQuery,
  UNSET_PLATFORM_CONFIG,
  UpdateVoiceSampleCommand,
  UploadVoiceSampleCommand,
  VoiceSampleAnalyzedEvent,
  VoiceSampleDeletedEvent,
  VoiceSampleUploadedEvent,
  type VoiceSampleView,
} from '#contracts';
import { encodeFlac, encodeWav, pcmAudio } from '#audio';
import { waitUntil } from '../../../../persistence/src/testing/wait-until.js';
import { blobKeyForFile } from '#storage';
import { voiceLikeSignal } from '../../testing/voice-sample-hostile-files.js';
import { startVoiceSampleTestApp, type VoiceSampleTestApp } from '../../testing/voice-sample-test-app.js';

const OWNER = { user_id: 'usr_owner', admin: false };
const OTHER = { user_id: 'usr_other', admin: false };
const ADMIN = { user_id: 'usr_admin', admin: true };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('voice samples (real PostgreSQL, in-process bus, storage beside)', () => {
  let app: VoiceSampleTestApp;

  beforeAll(async () => {
    app = await startVoiceSampleTestApp();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  /** Stores bytes as the gateway does and sends the upload command for them. */
  async function upload(ownerId: string, bytes: Uint8Array, name = 'take') {
    const fileId = createId('file');
    const stored = await app.blobs.put(blobKeyForFile(fileId), Readable.from([Buffer.from(bytes)]));
    return {
      fileId,
      result: app.caller.send(UploadVoiceSampleCommand, {
        owner_id: ownerId,
        name,
        language: 'de-de',
        file_id: fileId,
        blob_key: stored.key,
        filename: 'take.bin',
        size: stored.size,
        sha256: stored.sha256,
      }),
    };
  }

  async function storedFiles(ownerId: string): Promise<Array<{ id: string; purpose: string; deleted_at: Date | null }>> {
    return app.storageData.query(`SELECT id, purpose, deleted_at FROM "storage".files WHERE owner_id = $1 ORDER BY created_at`, [ownerId]);
  }

  async function analysed(sampleId: string): Promise<VoiceSampleView> {
    let view: VoiceSampleView | undefined;
    await waitUntil(
      async () => {
        view = await app.caller.query(GetVoiceSampleQuery, { sample_id: sampleId, requester: OWNER });
        return view.status !== 'uploaded';
      },
      `sample ${sampleId} analysed`,
      20_000,
    );
    return view!;
  }

  it('uploads, registers the file, analyses into ready with a normalised 16 kHz copy, and publishes both events', async () => {
    const { fileId, result } = await upload(OWNER.user_id, encodeWav(voiceLikeSignal(22050, 4)));
    const sample = await result;
    expect(sample).toMatchObject({ status: 'uploaded', format: 'wav', language: 'de-DE', name: 'take', description: null });
    expect(sample.duration).toBeCloseTo(4, 3);
    expect(await storedFiles(OWNER.user_id)).toEqual([{ id: fileId, purpose: 'voice_sample', deleted_at: null }]);

    const view = await analysed(sample.sample_id);
    expect(view.status).toBe('ready');
    expect(view.analysis).toMatchObject({ sample_rate: 22050, channels: 1 });
    expect(view.analysis!.pitch!.median_hz).toBeGreaterThan(110);
    expect(view.analysis!.pitch!.median_hz).toBeLessThan(170);
    const files = await storedFiles(OWNER.user_id);
    expect(files).toHaveLength(2);
    const analyzedEvent = await waitForEvent(() => app.eventsOf(VoiceSampleAnalyzedEvent).find((e) => e.sample_id === sample.sample_id));
    expect(analyzedEvent).toMatchObject({ status: 'ready', normalized_file_id: files[1]!.id });
    const copy = await readAll(await app.blobs.get(blobKeyForFile(files[1]!.id)));
    expect(copy.readUInt32LE(24)).toBe(16000);
    expect(app.eventsOf(VoiceSampleUploadedEvent).map((e) => e.sample_id)).toContain(sample.sample_id);
  }, 60_000);

  it('rejects a near-silent sample with reasons, keeping no normalised copy', async () => {
    const quiet = voiceLikeSignal(16000, 3);
    const samples = quiet.samples.map((value) => value * 0.0005);
    const sample = await (await upload('usr_quiet', encodeFlac(pcmAudio(16000, samples)))).result;
    const view = await app.caller.query(GetVoiceSampleQuery, {
      sample_id: sample.sample_id,
      requester: { user_id: 'usr_quiet', admin: false },
    });
    await waitUntil(
      async () => (await app.caller.query(GetVoiceSampleQuery, { sample_id: view.sample_id, requester: ADMIN })).status !== 'uploaded',
      'quiet sample analysed',
      20_000,
    );
    const done = await app.caller.query(GetVoiceSampleQuery, { sample_id: view.sample_id, requester: ADMIN });
    expect(done.status).toBe('rejected');
    expect(done.rejection_reasons.join(' ')).toMatch(/too quiet/);
    expect(await storedFiles('usr_quiet')).toHaveLength(1);
  }, 60_000);

  it('refuses invalid audio with INVALID_AUDIO and records nothing', async () => {
    const truncated = encodeWav(voiceLikeSignal(16000, 3)).subarray(0, 20_000);
    const { result } = await upload('usr_bad', truncated);
    expect(await codeOf(result)).toBe('INVALID_AUDIO');
    const { result: tooShort } = await upload('usr_bad', encodeWav(voiceLikeSignal(16000, 0.4)));
    expect(await codeOf(tooShort)).toBe('INVALID_AUDIO');
    expect(await storedFiles('usr_bad')).toEqual([]);
    const rows = await app.voiceData.query(`SELECT count(*)::int AS n FROM "voice".voice_samples WHERE owner_id = 'usr_bad'`);
    expect(rows[0].n).toBe(0);
  }, 60_000);

  it('scopes every read and write to the owner inside the repository; admins see all', async () => {
    const sample = await (await upload(OWNER.user_id, encodeWav(voiceLikeSignal(16000, 2)), 'private')).result;
    const id = sample.sample_id;
    expect(await codeOf(app.caller.query(GetVoiceSampleQuery, { sample_id: id, requester: OTHER }))).toBe('VOICE_SAMPLE_NOT_FOUND');
    expect(await codeOf(app.caller.send(UpdateVoiceSampleCommand, { sample_id: id, requester: OTHER, name: 'x' }))).toBe(
      'VOICE_SAMPLE_NOT_FOUND',
    );
    expect(await codeOf(app.caller.send(DeleteVoiceSampleCommand, { sample_id: id, requester: OTHER }))).toBe('VOICE_SAMPLE_NOT_FOUND');
    expect((await app.caller.query(ListVoiceSamplesQuery, { requester: OTHER, page: 1, page_size: 20 })).samples).toEqual([]);
    expect((await app.caller.query(GetVoiceSampleQuery, { sample_id: id, requester: ADMIN })).name).toBe('private');
    const renamed = await app.caller.send(UpdateVoiceSampleCommand, {
      sample_id: id,
      requester: OWNER,
      name: 'Renamed',
      description: 'desc',
    });
    expect(renamed).toMatchObject({ name: 'Renamed', description: 'desc' });
    const everyone = await app.caller.query(ListVoiceSamplesQuery, { requester: ADMIN, page: 1, page_size: 100 });
    expect(new Set(everyone.samples.map((s) => s.sample_id)).size).toBe(everyone.pagination.total_count);
    expect(everyone.pagination.total_count).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('lists with filters, sorting and pagination', async () => {
    const mine = await app.caller.query(ListVoiceSamplesQuery, { requester: OWNER, page: 1, page_size: 1, sort: 'name', order: 'asc' });
    expect(mine.pagination).toMatchObject({ page: 1, page_size: 1, total_count: 2, total_pages: 2, has_next: true, has_prev: false });
    expect(mine.samples[0]!.name).toBe('Renamed');
    const ready = await app.caller.query(ListVoiceSamplesQuery, {
      requester: OWNER,
      page: 1,
      page_size: 10,
      status: 'ready',
      language: 'de-DE',
    });
    expect(ready.samples.every((s) => s.status === 'ready')).toBe(true);
    expect(await codeOf(app.caller.query(ListVoiceSamplesQuery, { requester: OWNER, page: 0, page_size: 10 }))).toBe('VALIDATION_ERROR');
  });

  it('holds the per-user sample count of the platform config, leaving no file behind a refusal', async () => {
    await app.caller.publish(PlatformConfigChangedEvent, {
      config: { ...UNSET_PLATFORM_CONFIG, version: 1, max_voice_samples_per_user: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await (
      await upload('usr_limited', encodeWav(voiceLikeSignal(16000, 2)))
    ).result;
    const { fileId, result } = await upload('usr_limited', encodeWav(voiceLikeSignal(16000, 2)));
    expect(await codeOf(result)).toBe('QUOTA_EXCEEDED');
    expect((await storedFiles('usr_limited')).map((f) => f.id)).not.toContain(fileId);
    await app.caller.publish(PlatformConfigChangedEvent, { config: { ...UNSET_PLATFORM_CONFIG, version: 2 } });
  }, 60_000);

  it('deletes a sample with its files and publishes voice.sample.deleted', async () => {
    const list = await app.caller.query(ListVoiceSamplesQuery, { requester: OWNER, page: 1, page_size: 10, status: 'ready' });
    const id = list.samples.find((s) => s.name === 'take')!.sample_id;
    await app.caller.send(DeleteVoiceSampleCommand, { sample_id: id, requester: OWNER });
    expect(await codeOf(app.caller.query(GetVoiceSampleQuery, { sample_id: id, requester: OWNER }))).toBe('VOICE_SAMPLE_NOT_FOUND');
    await waitForEvent(() => app.eventsOf(VoiceSampleDeletedEvent).find((e) => e.sample_id === id));
    const files = await storedFiles(OWNER.user_id);
    expect(files.slice(0, 2).every((f) => f.deleted_at !== null)).toBe(true);
  }, 60_000);

  it('answers the voice section of the admin stats', async () => {
    const stats = await app.caller.query(serviceStatsQuery('voice'), {});
    expect(stats.voice_samples!.total).toBe(stats.voice_samples!.uploaded! + stats.voice_samples!.ready! + stats.voice_samples!.rejected!);
    expect(stats.voice_samples!.rejected).toBeGreaterThanOrEqual(1);
    expect(stats.voice_samples!.training).toBe(0);

    const ready = await app.caller.query(ListVoiceSamplesQuery, { requester: ADMIN, page: 1, page_size: 1, status: 'ready' });
    await app.voiceData.query(
      `INSERT INTO "voice".voice_profiles (id, owner_id, name, status, base_voice, language, sample_ids, config, consent_by, consent_at, created_at, updated_at)
       VALUES ('vp_stats', 'usr_owner', 'p', 'training', 'v', 'en-US', ARRAY[$1], '{}'::jsonb, 'usr_owner', now(), now(), now())`,
      [ready.samples[0]!.sample_id],
    );
    const training = await app.caller.query(serviceStatsQuery('voice'), {});
    expect(training.voice_samples!.training).toBe(1);
  });
});

async function waitForEvent<T>(find: () => T | undefined): Promise<T> {
  let found: T | undefined;
  await waitUntil(() => (found = find()) !== undefined, 'event', 10_000);
  return found!;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
