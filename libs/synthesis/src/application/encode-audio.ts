import { ApplicationError, SUPPORTED_SAMPLE_RATES, SynthesisErrorCode, type AudioFormat } from '#contracts';
import { applyGain, durationSeconds, pcmAudio, resample } from '#audio';
import type { Speech } from '../engine/speech-engine.js';
import { OUTPUT_FORMATS, outputFormat } from './output-formats.js';

export interface EncodedAudio {
  bytes: Buffer;
  contentType: string;
  extension: string;
  sampleRate: number;
  duration: number;
}

export function assertEncodable(format: string, sampleRate: number | undefined): void {
  if (!outputFormat(format)) {
    const known = Object.keys(OUTPUT_FORMATS).join(', ');
    throw new ApplicationError(SynthesisErrorCode.UNSUPPORTED_FORMAT, `Output format ${format} is not available; use one of ${known}`);
  }
  if (sampleRate !== undefined && !(SUPPORTED_SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
    throw new ApplicationError(
      SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE,
      `Sample rate ${sampleRate} is not supported; use one of ${SUPPORTED_SAMPLE_RATES.join(', ')}`,
    );
  }
}

/**
 * Speech → the requested format at the requested rate, with `volume` as a gain through the soft
 * limiter. The speech's samples are the caller's to give: the gain is applied over them in place.
 */
export function encodeAudio(speech: Speech, format: AudioFormat, sampleRate: number | undefined, volume: number): EncodedAudio {
  assertEncodable(format, sampleRate);
  const rate = sampleRate ?? speech.sampleRate;
  const resampled = resample(pcmAudio(speech.sampleRate, speech.samples), rate);
  const { contentType, extension, encode, encodeWithGain } = OUTPUT_FORMATS[format];
  const encoded = encodeWithGain ? encodeWithGain(resampled, volume) : encode(applyGain(resampled, volume, { inPlace: true }));
  const bytes = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  return { bytes, contentType, extension, sampleRate: rate, duration: durationSeconds(resampled) };
}
