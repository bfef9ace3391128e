import { jobCheckpointsMigration } from '#jobs';
import { serviceFoundationMigration } from '#persistence';
import { SynthesisCacheAndRecords1764150000000 } from './synthesis-cache-and-records.migration.js';
import { SynthesisUsage1764100000000 } from './synthesis-usage.migration.js';
import { SynthesisUserLexicons1764300000000 } from './user-lexicons.migration.js';

/** The synthesis schema's migrations, oldest first. */
export const synthesisMigrations = [
  serviceFoundationMigration('synthesis', 1763856000000),
  SynthesisUsage1764100000000,
  SynthesisCacheAndRecords1764150000000,
  jobCheckpointsMigration(1764200000000),
  SynthesisUserLexicons1764300000000,
];
