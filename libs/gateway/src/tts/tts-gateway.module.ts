import { Module } from '@nestjs/common';
import { SynthesizedAudioResponder } from './synthesized-audio.responder.js';
import { TtsAsyncHttpController } from './tts-async.http.controller.js';
import { TtsHttpController } from './tts.http.controller.js';

/**
 * `/api/v1/tts`: voices and synthesis over the bus. Needs MessageBus (global MessagingModule),
 * GatewayAccessModule, and FilesGatewayModule, whose download route serves the audio bytes.
 */
@Module({
  controllers: [TtsHttpController, TtsAsyncHttpController],
  providers: [SynthesizedAudioResponder],
})
export class TtsGatewayModule {}
