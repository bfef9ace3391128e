import { Module } from '@nestjs/common';

/**
 * The voice bounded context: its application handlers and infrastructure adapters are registered
 * here, and the voice app imports this module into its composition root.
 */
@Module({})
export class VoiceModule {}
