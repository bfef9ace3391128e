import type { BackendServiceDefinition } from '#service-runtime';
import { VoiceModule, voiceMigrations } from '#voice';

/** The voice app: the voice bounded context on its own schema. */
export const voiceService: BackendServiceDefinition = {
  service: 'voice',
  contextModule: VoiceModule,
  migrations: voiceMigrations,
  entities: [],
};
