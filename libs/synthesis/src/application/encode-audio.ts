import { ApplicationError, SUPPORTED_SAMPLE_RATES, SynthesisErrorCode, type AudioFormat } from '#contracts';
import { pcm16Bytes, toPcm16 } from '../audio/pcm16.js';
import { resample } from '../audio/resample.js';
import { encodeWav } from '../audio/wav.js';
import type { Speech } from '../engine/speech-engine.js';

export interface EncodedAudio {
  bytes: Buffer;
  contentType: string;
  extension: string;
  sampleRate: number;
  duration: number;
}

const ENCODABLE: Partial<Record<AudioFormat, { contentType: string; extension: string }>> = {
  wav: { contentType: 'audio/wav', extension: 'wav' },
  pcm: { contentType: 'audio/pcm', extension: 'pcm' },
};

export function assertEncodable(format: AudioFormat, sampleRate: number | undefined): void {
  if (!ENCODABLE[format]) {
    throw new ApplicationError(SynthesisErrorCode.UNSUPPORTED_FORMAT, `Output format ${format} is not available; use wav or pcm`);
  }
  if (sampleRate !== undefined && !(SUPPORTED_SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
    throw new ApplicationError(
      SynthesisErrorCode.UNSUPPORTED_SAMPLE_RATE,
      `Sample rate ${sampleRate} is not supported; use one of ${SUPPORTED_SAMPLE_RATES.join(', ')}`,
    );
  }
}

/** Speech → the requested container at the requested rate, with `volume` as a limited gain. */
export function encodeAudio(speech: Speech, format: AudioFormat, sampleRate: number | undefined, volume: number): EncodedAudio {
  assertEncodable(format, sampleRate);
  const rate = sampleRate ?? speech.sampleRate;
  const samples = toPcm16(resample(speech.samples, speech.sampleRate, rate), volume);
  const { contentType, extension } = ENCODABLE[format]!;
  const bytes = format === 'wav' ? encodeWav(samples, rate) : pcm16Bytes(samples);
  return { bytes, contentType, extension, sampleRate: rate, duration: samples.length / rate };
}
