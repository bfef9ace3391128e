import { jobCheckpointsMigration } from '#jobs';
import { serviceFoundationMigration } from '#persistence';
import { VoiceSamples1764800000001 } from './voice-samples.migration.js';
import { VoiceProfiles1764800000100 } from './voice-profiles.migration.js';

/** The voice schema's migrations, oldest first. */
export const voiceMigrations = [
  serviceFoundationMigration('voice', 1763856000000),
  jobCheckpointsMigration(1764800000000),
  VoiceSamples1764800000001,
  VoiceProfiles1764800000100,
];
