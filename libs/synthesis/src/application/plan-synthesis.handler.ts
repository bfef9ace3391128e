import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  ErrorCode,
  IdPrefix,
  PlanSynthesisQuery,
  type PayloadOf,
  type PlannedSentenceView,
  type ResultOf,
} from '#contracts';
import { HandleMessage } from '#messaging';
import { PlatformConfigProvider } from '#service-runtime';
import { SpeechEngine, type SentencePlan } from '../engine/speech-engine.js';
import { LexiconProvider } from './lexicon/lexicon.provider.js';
import { SynthesisQuota } from './synthesis-quota.js';
import { resolveSynthesisRequest } from './synthesis-request.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

/** Characters per second of speech at speed 1, measured on the bundled voices (about 14–16). */
const CHARACTERS_PER_SECOND = 15;

/**
 * The first step of a streamed synthesis: validates the request like the sync path, charges one
 * synthesis of the daily quota and answers the sentences (the user's lexicon applied), which the gateway then has rendered one by
 * one (RenderSentenceQuery) on whichever synthesis instances are free.
 */
@Injectable()
export class PlanSynthesisHandler {
  constructor(
    private readonly engine: SpeechEngine,
    private readonly platform: PlatformConfigProvider,
    private readonly quota: SynthesisQuota,
    private readonly lexicons: LexiconProvider,
    private readonly profiles: VoiceProfileResolver,
  ) {}

  @HandleMessage(PlanSynthesisQuery)
  async execute(payload: PayloadOf<typeof PlanSynthesisQuery>): Promise<ResultOf<typeof PlanSynthesisQuery>> {
    const request = await resolveSynthesisRequest(payload, this.engine, this.platform.current().max_synthesis_length, this.profiles);
    const lexicon = await this.lexicons.forUser(request.userId);
    const sentences = this.engine.plan({ text: request.text, voiceId: request.voiceId, speed: request.speed, lexicon });
    if (sentences.length === 0) {
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'text has nothing to speak', [
        { field: 'text', messages: ['has nothing to speak'] },
      ]);
    }
    await this.quota.charge(payload.user_id);
    const voiceRate = this.engine.resolve(request.voiceId).session.voice.sampleRate;
    return {
      synthesis_id: createId(IdPrefix.synthesis),
      voice_id: request.voiceProfileId ?? request.voiceId,
      sample_rate: request.sampleRate ?? voiceRate,
      format: request.format,
      sentences: sentences.map(toPlannedSentenceView),
      estimated_duration: estimateDuration(sentences, request.speed),
    };
  }
}

function toPlannedSentenceView(sentence: SentencePlan): PlannedSentenceView {
  return { ...sentence };
}

function estimateDuration(sentences: readonly SentencePlan[], speed: number): number {
  const speaking = sentences.reduce((sum, sentence) => sum + sentence.text.length, 0) / CHARACTERS_PER_SECOND / speed;
  const pauses = sentences.slice(0, -1).reduce((sum, sentence) => sum + sentence.pauseAfter, 0);
  return Math.round((speaking + pauses) * 10) / 10;
}
