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
  distanceBefore: number;
  search: MixSearchState;
}

/** Share of the nearest built-in speaker in the starting mix (the rest spread evenly, so every row can grow). */
const START_SHARE = 0.97;
/** Rough cost of one candidate (render + analysis), seconds, for the estimate. */
const SECONDS_PER_CANDIDATE = 0.35;

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
    return Math.ceil(5 + (config.epochs * perEpoch + 8) * SECONDS_PER_CANDIDATE);
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
      const ranked = builtins
        .map((builtin) => ({ ...builtin, distance: distanceOf(builtin.measurement) }))
        .sort((a, b) => a.distance - b.distance);
      const closest = ranked[0]!;
      const logits = logitsFavouring(names.length, names.indexOf(closest.speaker), START_SHARE);
      const startDistance = distanceOf(await measureMix({ mixWeights: namedWeights(names, softmax(logits)) }));
      state = {
        closest: closest.speaker,
        distanceBefore: closest.distance,
        search: initialSearchState(logits, startDistance, stepSizeForLearningRate(config.learning_rate), request.seed),
      };
      await request.checkpoint(state, 0.05, `closest built-in speaker ${closest.speaker}, distance ${closest.distance.toFixed(3)}`);
    }

    const start = state;
    const searched = await searchMixWeights(
      start.search,
      { epochs: config.epochs, stepSize: stepSizeForLearningRate(config.learning_rate), candidatesPerStep: config.batch_size },
      async (candidates) => {
        const distances: number[] = [];
        for (const weights of candidates) distances.push(distanceOf(await measureMix({ mixWeights: namedWeights(names, weights) })));
        return distances;
      },
      (search) =>
        request.checkpoint(
          { ...start, search },
          0.05 + (0.85 * search.epoch) / config.epochs,
          `epoch ${search.epoch}/${config.epochs}, distance ${search.distance.toFixed(3)}`,
        ),
    );

    const mixWeights = namedWeights(names, softmax(searched.logits));
    const plain = await measureMix({ mixWeights });
    const pitchFactor = fitPitchFactor(target.pitchHz, plain.pitchHz);
    const tempo = fitTempo(target.speakingRate, plain.speakingRate);
    const shifted = await measureMix({ mixWeights, pitch: pitchFactor, speed: tempo });
    const options = [
      { pitchFactor: 1, tempo: 1, spectralGainsDb: [] as number[], measurement: plain },
      { pitchFactor, tempo, spectralGainsDb: [] as number[], measurement: shifted },
    ];
    if (target.bandLevelsDb && shifted.bandLevelsDb) {
      const spectralGainsDb = fitSpectralGains(target.bandLevelsDb, shifted.bandLevelsDb);
      options.push({
        pitchFactor,
        tempo,
        spectralGainsDb,
        measurement: await measureMix({ mixWeights, pitch: pitchFactor, speed: tempo, spectralGainsDb }),
      });
    }
    const best = options
      .map((option) => ({ ...option, distance: distanceOf(option.measurement) }))
      .sort((a, b) => a.distance - b.distance)[0]!;
    await request.checkpoint(
      { ...start, search: searched },
      1,
      `done, distance ${state.distanceBefore.toFixed(3)} → ${best.distance.toFixed(3)}`,
    );
    return {
      mixWeights,
      embedding: null,
      pitchFactor: best.pitchFactor,
      tempo: best.tempo,
      spectralGainsDb: best.spectralGainsDb,
      statistics: best.measurement.statistics,
      distanceBefore: state.distanceBefore,
      distanceAfter: best.distance,
      targetPitchHz: target.pitchHz,
      renderedPitchHz: best.measurement.pitchHz,
    };
  }
}
