import type { DataSource } from 'typeorm';
import { VoiceProfileDeletedEvent } from '#contracts';
import { createEnvelope } from '#messaging';
import { createServiceDataSource, runServiceMigrations, schemaOf, serviceFoundationMigration } from '#persistence';
import { cleanUp, TEST_DATABASE_URL, uniqueTestService } from '../../../../persistence/src/testing/test-database.js';
import { completeTraining, newVoiceProfile, type FittedVoice, type VoiceProfile } from '../../domain/voice-profile/voice-profile.js';
import { VoiceProfiles1764800000100 } from '../migrations/voice-profiles.migration.js';
import { SqlVoiceProfileRepository } from './sql-voice-profile.repository.js';

const FIT: FittedVoice = {
  mixWeights: { slt: 0.8, rms: 0.2 },
  embedding: null,
  pitchFactor: 1.2,
  tempo: 1.05,
  spectralGainsDb: [0.5, -0.25, 0],
  statistics: [5.1, 3.2, 0.5],
  distanceBefore: 2.5,
  distanceAfter: 0.75,
  targetPitchHz: 204.5,
  renderedPitchHz: 203.25,
};

function profile(id: string, ownerId: string, sampleIds: string[]): VoiceProfile {
  return newVoiceProfile(
    {
      id,
      ownerId,
      name: `Voice ${id}`,
      baseVoice: 'en_US-voxify-low',
      language: 'en-US',
      sampleIds,
      trainingJobId: `job_${id}`,
      config: { epochs: 3, learning_rate: 0.001, batch_size: 4 },
      consent: { givenBy: ownerId, givenAt: new Date('2026-11-23T01:00:00Z') },
    },
    new Date(),
  );
}

describe('SqlVoiceProfileRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let profiles: SqlVoiceProfileRepository;
  let notified = 0;

  beforeAll(async () => {
    const service = uniqueTestService();
    dataSource = createServiceDataSource({
      service,
      url: TEST_DATABASE_URL,
      migrations: [serviceFoundationMigration(service, 1700000000000), VoiceProfiles1764800000100],
      poolSize: 4,
    });
    await runServiceMigrations(dataSource);
    profiles = new SqlVoiceProfileRepository(dataSource, { notify: () => notified++ });
  });

  afterAll(async () => {
    await cleanUp([dataSource]);
  });

  it('stores a fit and reads it back exactly, with the consent', async () => {
    const training = profile('vp_fit', 'usr_a', ['vs_1']);
    await profiles.insert(training);
    expect(await profiles.findById('vp_fit')).toMatchObject({ status: 'training', fit: null, consent: training.consent });
    expect(await profiles.saveOutcome(completeTraining(training, FIT, new Date()))).toBe(true);
    const ready = await profiles.findById('vp_fit');
    expect(ready).toMatchObject({ status: 'ready', sampleIds: ['vs_1'], consent: { givenBy: 'usr_a' } });
    expect(ready!.fit!.mixWeights).toEqual(FIT.mixWeights);
    for (const key of ['pitchFactor', 'tempo', 'distanceBefore', 'distanceAfter', 'targetPitchHz', 'renderedPitchHz'] as const) {
      expect(ready!.fit![key]).toBeCloseTo(FIT[key]!, 9);
    }
    expect(ready!.fit!.statistics).toEqual(FIT.statistics);
    expect(ready!.fit!.spectralGainsDb).toEqual(FIT.spectralGainsDb);
    expect(await profiles.saveOutcome(completeTraining(profile('vp_missing', 'usr_a', ['vs_1']), FIT, new Date()))).toBe(false);
  });

  it('scopes reads, lists and deletes to the owner (admins read and delete any)', async () => {
    await profiles.insert(profile('vp_b1', 'usr_b', ['vs_2']));
    await profiles.insert(profile('vp_b2', 'usr_b', ['vs_2']));
    expect(await profiles.findVisible('vp_b1', { user_id: 'usr_c' })).toBeUndefined();
    expect((await profiles.findVisible('vp_b1', { user_id: 'usr_c', admin: true }))?.id).toBe('vp_b1');
    expect((await profiles.listVisible({ user_id: 'usr_c' }, 0, 10)).total).toBe(0);
    const page = await profiles.listVisible({ user_id: 'usr_b' }, 1, 1);
    expect({ total: page.total, ids: page.profiles.length }).toEqual({ total: 2, ids: 1 });

    expect(await profiles.deleteVisible('vp_b1', { user_id: 'usr_c' }, () => [])).toBeUndefined();
    expect((await profiles.deleteVisible('vp_b1', { user_id: 'usr_b' }, () => []))?.id).toBe('vp_b1');
    expect(await profiles.findById('vp_b1')).toBeUndefined();
  });

  it('deletes the profiles trained only from a deleted sample, and records their events in the outbox', async () => {
    await profiles.insert(profile('vp_only', 'usr_d', ['vs_9']));
    await profiles.insert(profile('vp_mixed', 'usr_d', ['vs_9', 'vs_10']));
    await profiles.insert(profile('vp_other_owner', 'usr_e', ['vs_9']));
    const before = notified;
    const deleted = await profiles.deleteTrainedOnlyFrom('vs_9', 'usr_d', (gone) => [
      createEnvelope(VoiceProfileDeletedEvent, { profile_id: gone.id, owner_id: gone.ownerId, deleted_at: new Date().toISOString() }),
    ]);
    expect(deleted.map((gone) => gone.id)).toEqual(['vp_only']);
    expect(await profiles.findById('vp_mixed')).toBeDefined();
    expect(await profiles.findById('vp_other_owner')).toBeDefined();
    const outbox = (await dataSource.query(`SELECT type FROM "${schemaOf(dataSource)}".outbox`)) as Array<{ type: string }>;
    expect(outbox.map((row) => row.type)).toEqual(['voice.profile.deleted']);
    expect(notified).toBe(before + 1);
  });
});
