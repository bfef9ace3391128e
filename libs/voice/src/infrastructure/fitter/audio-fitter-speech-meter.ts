import { Injectable } from '@nestjs/common';
import { analyzeSpeech, NoVoicedSpeechError, SPEAKER_STATISTICS, SPECTRAL_BAND_COUNT, speakerDistance, speakerStatistics } from '#audio';
import { FitterSpeechMeter, type SpeakerMeasurement } from '../../application/ports/fitter-speech-meter.js';

const PITCH_REFERENCE_HZ = 100;

/** #audio's speech analysis and speaker statistics as the fitter's meter. */
@Injectable()
export class AudioFitterSpeechMeter extends FitterSpeechMeter {
  measure(samples: Float32Array, sampleRate: number): SpeakerMeasurement {
    const analysis = analyzeSpeech(samples, sampleRate);
    let statistics: number[] = [];
    try {
      statistics = Array.from(speakerStatistics(analysis));
    } catch (error) {
      if (!(error instanceof NoVoicedSpeechError)) throw error;
    }
    return {
      statistics,
      pitchHz: analysis.pitch.median_hz > 0 ? analysis.pitch.median_hz : null,
      speakingRate: analysis.speaking_rate > 0 ? analysis.speaking_rate : null,
      bandLevelsDb: analysis.spectral_envelope.length === SPECTRAL_BAND_COUNT ? [...analysis.spectral_envelope] : null,
    };
  }

  fromStatistics(statistics: readonly number[]): SpeakerMeasurement {
    if (statistics.length !== SPEAKER_STATISTICS.length) return { statistics: [], pitchHz: null, speakingRate: null, bandLevelsDb: null };
    return {
      statistics: [...statistics],
      pitchHz: PITCH_REFERENCE_HZ * 2 ** (statistics[SPEAKER_STATISTICS.pitch]! / 12),
      speakingRate: statistics[SPEAKER_STATISTICS.speakingRate]! || null,
      bandLevelsDb: statistics.slice(SPEAKER_STATISTICS.envelope, SPEAKER_STATISTICS.envelope + SPECTRAL_BAND_COUNT),
    };
  }

  distance(a: readonly number[], b: readonly number[]): number {
    if (a.length !== SPEAKER_STATISTICS.length || b.length !== SPEAKER_STATISTICS.length) return Number.POSITIVE_INFINITY;
    return speakerDistance(a, b);
  }
}
