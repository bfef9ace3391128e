import { Injectable } from '@nestjs/common';
import {
  VoiceSampleAudioInspector,
  type SampleAudioSummary,
  type SampleDecodeLimits,
  type SampleMeasurement,
  type SampleMeasurementRequest,
} from '../../application/ports/voice-sample-audio-inspector.js';
import { measureVoiceSample, summarizeSampleAudio } from '../../application/samples/voice-sample-measurement.js';
import { speechMetrics } from './speech-metrics.js';

/** Decodes and measures on the calling thread (VOICE_AUDIO_WORKERS=0): simple, but it holds the event loop meanwhile. */
@Injectable()
export class InProcessVoiceSampleAudioInspector extends VoiceSampleAudioInspector {
  inspect(bytes: Uint8Array, limits: SampleDecodeLimits): Promise<SampleAudioSummary> {
    return summarizeSampleAudio(bytes, limits);
  }

  measure(bytes: Uint8Array, request: SampleMeasurementRequest): Promise<SampleMeasurement> {
    return measureVoiceSample(bytes, request, speechMetrics);
  }
}
