import { Module } from '@nestjs/common';
import { SynthesizedAudioResponder } from '../tts/synthesized-audio.responder.js';
import { VoiceTrainingHttpController } from './voice-training.http.controller.js';
import { VoicesHttpController } from './voices.http.controller.js';

/**
 * `/api/v1/voices` (built-in voices and the caller's profiles, preview, similar) and
 * `POST /api/v1/voice/samples/{id}/train`. Needs MessageBus (global MessagingModule),
 * GatewayAccessModule and FilesGatewayModule, whose download route serves the previews.
 */
@Module({
  controllers: [VoicesHttpController, VoiceTrainingHttpController],
  providers: [SynthesizedAudioResponder],
})
export class VoicesGatewayModule {}
