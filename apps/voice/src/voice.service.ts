import type { BackendServiceDefinition } from '#service-runtime';
import { VoiceModule, voiceMigrations, type VoiceModuleOptions } from '#voice';

/** The voice app: samples and profiles on the voice schema, configured by `loadVoiceConfig`. */
export function createVoiceService(config: VoiceModuleOptions): BackendServiceDefinition {
  return {
    service: 'voice',
    contextModule: VoiceModule.forRoot(config),
    migrations: voiceMigrations,
    entities: [],
  };
}
