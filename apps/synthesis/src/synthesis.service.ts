import type { BackendServiceDefinition } from '#service-runtime';
import { SynthesisModule, synthesisMigrations } from '#synthesis';

/** The synthesis app: the synthesis bounded context on its own schema. */
export const synthesisService: BackendServiceDefinition = {
  service: 'synthesis',
  contextModule: SynthesisModule,
  migrations: synthesisMigrations,
  entities: [],
};
