import type { BackendServiceDefinition } from '#service-runtime';
import { ModelReadiness, SynthesisModule, synthesisEntities, synthesisMigrations, type SynthesisModuleOptions } from '#synthesis';

/** The synthesis app: the voices and the inference queue, configured by `loadSynthesisConfig`; ready once the model is warm. */
export function createSynthesisService(config: SynthesisModuleOptions): BackendServiceDefinition {
  const readiness = new ModelReadiness();
  return {
    service: 'synthesis',
    contextModule: SynthesisModule.forRoot(config, readiness),
    migrations: synthesisMigrations,
    entities: synthesisEntities,
    extraReadinessChecks: () => [readiness],
  };
}
