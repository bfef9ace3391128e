import { Injectable } from '@nestjs/common';
import {
  ApplicationError,
  createId,
  ErrorCode,
  IdPrefix,
  MAX_ASYNC_SYNTHESIS_LENGTH,
  SPEECH_SYNTHESIS_JOB_TYPE,
  SynthesizeAsyncCommand,
  type PayloadOf,
  type SynthesisJobAcceptedView,
} from '#contracts';
import { JobRunner } from '#jobs';
import { HandleMessage } from '#messaging';
import { SpeechEngine } from '../engine/speech-engine.js';
import type { SynthesisJobInput } from './async/chunked-synthesis.js';
import { RenderPace } from './async/render-pace.js';
import { estimateSpeechSeconds } from './async/synthesis-chunks.js';
import { SynthesisQuota } from './synthesis-quota.js';
import { LexiconProvider } from './lexicon/lexicon.provider.js';
import { resolveSynthesisRequest } from './synthesis-request.js';
import { VoiceProfileResolver } from './voice-profile-resolver.js';

/**
 * Accepts a long synthesis as a `speech_synthesis` job (SpeechSynthesisJob renders it): validates
 * like the synchronous path up to MAX_ASYNC_SYNTHESIS_LENGTH characters, charges one synthesis of the
 * daily quota, and fixes the synthesis and file ids now so the job stores exactly one file.
 */
@Injectable()
export class SynthesizeAsyncHandler {
  constructor(
    private readonly engine: SpeechEngine,
    private readonly runner: JobRunner,
    private readonly quota: SynthesisQuota,
    private readonly profiles: VoiceProfileResolver,
    private readonly lexicons: LexiconProvider,
    private readonly pace: RenderPace,
  ) {}

  @HandleMessage(SynthesizeAsyncCommand)
  async execute(payload: PayloadOf<typeof SynthesizeAsyncCommand>): Promise<SynthesisJobAcceptedView> {
    const request = await resolveSynthesisRequest(payload, this.engine, MAX_ASYNC_SYNTHESIS_LENGTH, this.profiles);
    const lexicon = await this.lexicons.forUser(request.userId);
    const sentences = this.engine.plan({
      text: request.text,
      voiceId: request.voiceId,
      speed: request.speed,
      ...(lexicon ? { lexicon } : {}),
    });
    if (sentences.length === 0) {
      throw new ApplicationError(ErrorCode.VALIDATION_ERROR, 'text has nothing to speak', [
        { field: 'text', messages: ['has nothing to speak'] },
      ]);
    }
    const input: SynthesisJobInput = {
      synthesis_id: createId(IdPrefix.synthesis),
      file_id: createId(IdPrefix.file),
      text: request.text,
      voice_id: request.voiceId,
      speed: request.speed,
      pitch: request.pitch,
      volume: request.volume,
      format: request.format,
      sample_rate: request.sampleRate ?? null,
      speaker: request.speaker
        ? {
            embedding: Array.from(request.speaker.embedding),
            ...(request.speaker.spectralGainsDb ? { spectral_gains_db: [...request.speaker.spectralGainsDb] } : {}),
          }
        : null,
      lexicon: lexicon ? [...lexicon] : null,
    };
    const estimatedDuration = estimateSpeechSeconds(sentences, request.speed);
    await this.quota.charge(request.userId);
    let job: { job_id: string };
    try {
      job = await this.runner.start({
        type: SPEECH_SYNTHESIS_JOB_TYPE,
        userId: request.userId,
        input,
        title: `Speech synthesis: ${titleOf(request.text)}`,
        estimatedCompletion: new Date(Date.now() + this.pace.workSeconds(estimatedDuration) * 1000),
      });
    } catch (error) {
      await this.quota.refund(request.userId);
      throw error;
    }
    return {
      synthesis_id: input.synthesis_id,
      job_id: job.job_id,
      estimated_duration: estimatedDuration,
      status: 'pending',
    };
  }
}

function titleOf(text: string): string {
  const words = text.replace(/\s+/g, ' ').slice(0, 48);
  return words.length < text.length ? `${words}…` : words;
}
