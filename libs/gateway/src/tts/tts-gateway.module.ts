import { Module } from '@nestjs/common';
import { LexiconHttpController } from './lexicon.http.controller.js';
import { SentenceStreamer } from './sentence-streamer.js';
import { StreamedAudioStore } from './streamed-audio.store.js';
import { SynthesizedAudioResponder } from './synthesized-audio.responder.js';
import { TtsStreamHttpController } from './tts-stream.http.controller.js';
import { TtsAsyncHttpController } from './tts-async.http.controller.js';
import { TtsHttpController } from './tts.http.controller.js';

/**
 * `/api/v1/tts`: voices and synthesis over the bus. Needs MessageBus (global MessagingModule),
 * GatewayAccessModule, and FilesGatewayModule, whose download route serves the audio bytes.
 */
@Module({
  controllers: [LexiconHttpController, TtsHttpController, TtsAsyncHttpController, TtsStreamHttpController],
  providers: [SynthesizedAudioResponder, SentenceStreamer, StreamedAudioStore],
})
export class TtsGatewayModule {}
