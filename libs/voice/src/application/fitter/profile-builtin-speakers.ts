import { Injectable } from '@nestjs/common';
import { FITTER_TEXT } from '../../domain/fitter/fitter-text.js';
import { CandidateRenderer } from '../ports/fitter-candidate-renderer.js';
import { FitterSpeechMeter, type SpeakerMeasurement } from '../ports/fitter-speech-meter.js';

export interface BuiltinSpeaker {
  speaker: string;
  /** As a synthesis `voice_id` (`voice:speaker`). */
  voiceId: string;
  measurement: SpeakerMeasurement;
}

/**
 * The built-in speakers of a voice with their statistics, measured once per process by rendering
 * each table row alone: the fitter's starting points and the built-in side of similarity.
 */
@Injectable()
export class ProfileBuiltinSpeakers {
  private readonly measured = new Map<string, Promise<BuiltinSpeaker[]>>();

  constructor(
    private readonly renderer: CandidateRenderer,
    private readonly meter: FitterSpeechMeter,
  ) {}

  of(voice: string): Promise<BuiltinSpeaker[]> {
    let speakers = this.measured.get(voice);
    if (!speakers) {
      speakers = this.measure(voice);
      this.measured.set(voice, speakers);
      // A failure (synthesis not up yet) is not remembered: the next call tries again.
      speakers.catch(() => this.measured.delete(voice));
    }
    return speakers;
  }

  private async measure(voice: string): Promise<BuiltinSpeaker[]> {
    const names = await this.renderer.speakers(voice);
    const speakers: BuiltinSpeaker[] = [];
    for (const speaker of names) {
      const speech = await this.renderer.render({ voice, mixWeights: { [speaker]: 1 }, text: FITTER_TEXT });
      speakers.push({ speaker, voiceId: `${voice}:${speaker}`, measurement: this.meter.measure(speech.samples, speech.sampleRate) });
    }
    return speakers;
  }
}
