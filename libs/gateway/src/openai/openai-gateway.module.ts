import { Module } from '@nestjs/common';
import { SentenceStreamer } from '../tts/sentence-streamer.js';
import { SynthesizedAudioResponder } from '../tts/synthesized-audio.responder.js';
import { OpenAiSpeechHttpController } from './openai-speech.http.controller.js';

/**
 * `POST /v1/audio/speech`, OpenAI's speech route, over the synthesis bus. Needs MessageBus (global
 * MessagingModule), GatewayAccessModule, and FilesGatewayModule, whose download route serves the audio.
 */
@Module({
  controllers: [OpenAiSpeechHttpController],
  providers: [SynthesizedAudioResponder, SentenceStreamer],
})
export class OpenAiGatewayModule {}
