import { Injectable } from '@nestjs/common';
import { ApplicationError, ErrorCode, type TrainingConfig } from '#contracts';
import { fitPitchFactor, fitSpectralGains, fitTempo } from '../../domain/fitter/fitter-corrections.js';
import { logitsFavouring, namedWeights, softmax } from '../../domain/fitter/fitter-mix-weights.js';
import {
  initialSearchState,
  MAX_CANDIDATES_PER_STEP,
  searchMixWeights,
  stepSizeForLearningRate,
  type MixSearchState,
} from '../../domain/fitter/fitter-search.js';
import { FITTER_TEXT } from '../../domain/fitter/fitter-text.js';
import type { FittedVoice } from '../../domain/voice-profile/voice-profile.js';
import { CandidateRenderer, type FitterCandidate } from '../ports/fitter-candidate-renderer.js';
import { FitterSpeechMeter, type SpeakerMeasurement } from '../ports/fitter-speech-meter.js';
import { VoiceFitter, type FitRequest } from '../ports/voice-fitter.js';
import { ProfileBuiltinSpeakers } from './profile-builtin-speakers.js';

/** What a run of this fitter checkpoints after the start point and after every epoch. */
interface SpeakerMixCheckpoint {
  closest: string;
  /** The pitch factor the search renders its candidates at (the start speaker's, onto the target's pitch). */
  searchPitch: number;
  distanceBefore: number;
  search: MixSearchState;
}

/** Share of the nearest built-in speaker in the starting mix (the rest spread evenly, so every row can grow). */
const START_SHARE = 0.97;
/** Rough cost of one candidate (render + analysis), seconds, for the estimate: measured 0.3–1 s on 2 shared cores. */
const SECONDS_PER_CANDIDATE = 0.75;

/**
 * Fits a profile inside the base voice's speaker space: start from the nearest built-in speaker, search
 * the convex mixing weights of the table rows to reduce the speaker distance to the samples' statistics,
 * then fit what mixing cannot move (the model's pitch snaps between speakers): a pitch factor, a tempo
 * and a spectral-envelope correction, each kept only if it lowers the distance.
 */
@Injectable()
export class SpeakerMixFitter extends VoiceFitter {
  constructor(
    private readonly renderer: CandidateRenderer,
    private readonly meter: FitterSpeechMeter,
    private readonly builtins: ProfileBuiltinSpeakers,
  ) {
    super();
  }

  estimateSeconds(config: TrainingConfig): number {
    const perEpoch = Math.min(MAX_CANDIDATES_PER_STEP, Math.max(1, config.batch_size));
    // Besides the epochs: the built-in speakers plain and pitch-corrected, the start point and the corrections.
    return Math.ceil(5 + (config.epochs * perEpoch + 14) * SECONDS_PER_CANDIDATE);
  }

  async fit(request: FitRequest): Promise<FittedVoice> {
    const { baseVoice, target, config } = request;
    const names = await this.renderer.speakers(baseVoice);
    if (names.length === 0) throw new ApplicationError(ErrorCode.INTERNAL_ERROR, `Voice ${baseVoice} has no speaker table to fit in`);
    const measureMix = async (candidate: Omit<FitterCandidate, 'voice' | 'text'>): Promise<SpeakerMeasurement> => {
      const speech = await this.renderer.render({ voice: baseVoice, text: FITTER_TEXT, ...candidate });
      return this.meter.measure(speech.samples, speech.sampleRate);
    };
    const distanceOf = (measurement: SpeakerMeasurement): number => this.meter.distance(measurement.statistics, target.statistics);

    let state = request.resumeFrom as SpeakerMixCheckpoint | undefined;
    if (!state) {
      const builtins = await this.builtins.of(baseVoice);
      const nearest = Math.min(...builtins.map((builtin) => distanceOf(builtin.measurement)));
      // Pitch is corrected after synthesis anyway, so the search starts from the speaker that comes
      // closest once its pitch is moved onto the target's, and renders its candidates at that pitch.
      let start: { speaker: string; pitch: number; distance: number } | undefined;
      for (const builtin of builtins) {
        const pitch = fitPitchFactor(target.pitchHz, builtin.measurement.pitchHz);
        const distance = distanceOf(await measureMix({ mixWeights: { [builtin.speaker]: 1 }, pitch }));
        if (!start || distance < start.distance) start = { speaker: builtin.speaker, pitch, distance };
      }
      const logits = logitsFavouring(names.length, names.indexOf(start!.speaker), START_SHARE);
      const startDistance = distanceOf(await measureMix({ mixWeights: namedWeights(names, softmax(logits)), pitch: start!.pitch }));
      state = {
        closest: start!.speaker,
        searchPitch: start!.pitch,
        distanceBefore: nearest,
        search: initialSearchState(logits, startDistance, stepSizeForLearningRate(config.learning_rate), request.seed),
      };
      await request.checkpoint(
        state,
        0.05,
        `nearest built-in speaker distance ${nearest.toFixed(3)}; starting from ${start!.speaker} at pitch ×${start!.pitch.toFixed(3)}, distance ${startDistance.toFixed(3)}`,
      );
    }

    const begun = state;
    const searched = await searchMixWeights(
      begun.search,
      { epochs: config.epochs, stepSize: stepSizeForLearningRate(config.learning_rate), candidatesPerStep: config.batch_size },
      async (candidates) => {
        const distances: number[] = [];
        for (const weights of candidates) {
          distances.push(distanceOf(await measureMix({ mixWeights: namedWeights(names, weights), pitch: begun.searchPitch })));
        }
        return distances;
      },
      (search) =>
        request.checkpoint(
          { ...begun, search },
          0.05 + (0.85 * search.epoch) / config.epochs,
          `epoch ${search.epoch}/${config.epochs}, distance ${search.distance.toFixed(3)}`,
        ),
    );

    const mixWeights = namedWeights(names, softmax(searched.logits));
    const best = await this.correct(mixWeights, begun.searchPitch, measureMix, distanceOf, target);
    await request.checkpoint(
      { ...begun, search: searched },
      1,
      `done, distance ${begun.distanceBefore.toFixed(3)} → ${best.distance.toFixed(3)}`,
    );
    return {
      mixWeights,
      embedding: null,
      pitchFactor: best.pitchFactor,
      tempo: best.tempo,
      spectralGainsDb: best.spectralGainsDb,
      statistics: best.measurement.statistics,
      distanceBefore: begun.distanceBefore,
      distanceAfter: best.distance,
      targetPitchHz: target.pitchHz,
      renderedPitchHz: best.measurement.pitchHz,
    };
  }

  /**
   * The after-synthesis corrections of the found mix: the pitch refitted on its plain render, with or
   * without the tempo and the spectral gains (fitted on the pitch-corrected render); the search's own
   * result stays a candidate, so the corrections can only lower the distance.
   */
  private async correct(
    mixWeights: Record<string, number>,
    searchPitch: number,
    measureMix: (candidate: Omit<FitterCandidate, 'voice' | 'text'>) => Promise<SpeakerMeasurement>,
    distanceOf: (measurement: SpeakerMeasurement) => number,
    target: SpeakerMeasurement,
  ): Promise<{ pitchFactor: number; tempo: number; spectralGainsDb: number[]; measurement: SpeakerMeasurement; distance: number }> {
    const plain = await measureMix({ mixWeights });
    const pitchFactor = fitPitchFactor(target.pitchHz, plain.pitchHz);
    const tempo = fitTempo(target.speakingRate, plain.speakingRate);
    const options: Array<{ pitchFactor: number; tempo: number; spectralGainsDb: number[]; measurement: SpeakerMeasurement }> = [
      { pitchFactor: 1, tempo: 1, spectralGainsDb: [], measurement: plain },
    ];
    const tryOption = async (option: { pitchFactor: number; tempo: number; spectralGainsDb: number[] }): Promise<SpeakerMeasurement> => {
      const measurement = await measureMix({
        mixWeights,
        pitch: option.pitchFactor,
        speed: option.tempo,
        ...(option.spectralGainsDb.length > 0 ? { spectralGainsDb: option.spectralGainsDb } : {}),
      });
      options.push({ ...option, measurement });
      return measurement;
    };
    const pitched = await tryOption({ pitchFactor, tempo: 1, spectralGainsDb: [] });
    if (searchPitch !== pitchFactor) await tryOption({ pitchFactor: searchPitch, tempo: 1, spectralGainsDb: [] });
    if (tempo !== 1) await tryOption({ pitchFactor, tempo, spectralGainsDb: [] });
    if (target.bandLevelsDb && pitched.bandLevelsDb) {
      const spectralGainsDb = fitSpectralGains(target.bandLevelsDb, pitched.bandLevelsDb);
      await tryOption({ pitchFactor, tempo: 1, spectralGainsDb });
      if (tempo !== 1) await tryOption({ pitchFactor, tempo, spectralGainsDb });
    }
    const scored = options.map((option) => ({ ...option, distance: distanceOf(option.measurement) }));
    scored.sort((a, b) => a.distance - b.distance);
    return scored[0]!;
  }
}
