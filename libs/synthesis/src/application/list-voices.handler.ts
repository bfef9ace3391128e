import { Injectable } from '@nestjs/common';
import { ListVoicesQuery, type PayloadOf, type ResultOf } from '#contracts';
import { HandleMessage } from '#messaging';
import { SpeechEngine } from '../engine/speech-engine.js';
import { defaultVoiceId, voiceViews } from './voice-directory.js';

@Injectable()
export class ListVoicesHandler {
  constructor(private readonly engine: SpeechEngine) {}

  @HandleMessage(ListVoicesQuery)
  async execute(_payload: PayloadOf<typeof ListVoicesQuery>): Promise<ResultOf<typeof ListVoicesQuery>> {
    return { voices: voiceViews(this.engine.voices), default_voice_id: defaultVoiceId(this.engine.voices) };
  }
}
