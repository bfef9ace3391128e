import { decodeAudio, InvalidAudioError, probeAudio, type AudioFormat, type PcmAudio } from '#audio';
import { assertCompleteContainer } from './voice-sample-container.js';
import type { VoiceSampleFormat } from '#contracts';
import type { BlobStore } from '#storage';
import type { SampleAudioSummary, SampleDecodeLimits } from '../ports/voice-sample-audio-inspector.js';
import { voiceSampleErrors } from '../../domain/samples/index.js';

/** The summary with the decoded audio: the mono mixdown at the source's rate. */
export interface InspectedVoiceSampleAudio extends SampleAudioSummary {
  audio: PcmAudio;
}

const SAMPLE_FORMATS: Readonly<Record<AudioFormat, VoiceSampleFormat>> = {
  wav: 'wav',
  mp3: 'mp3',
  flac: 'flac',
  'ogg-opus': 'ogg',
  'ogg-vorbis': 'ogg',
};

// Headers and decoded audio may differ by codec padding (MP3 frames, Opus pre-skip), never by more.
// WAV and FLAC state their exact length (FLAC is decoded whole, every frame).
const LENGTH_TOLERANCE_SECONDS: Readonly<Record<AudioFormat, number>> = {
  wav: 0.01,
  flac: 0.01,
  mp3: 0.25,
  'ogg-opus': 0.25,
  'ogg-vorbis': 0.25,
};
const LENGTH_TOLERANCE_RATIO: Readonly<Record<AudioFormat, number>> = {
  wav: 0,
  flac: 0,
  mp3: 0.02,
  'ogg-opus': 0.02,
  'ogg-vorbis': 0.02,
};

/** The blob's bytes (a sample is at most VOICE_SAMPLE_MAX_BYTES, checked by the gateway as it streamed them in). */
export async function readSampleBlob(blobs: BlobStore, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await blobs.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Recognises the format by its bytes, checks the headers (codec as the magic promised, channels,
 * a sane rate), then decodes the whole file within the time and length limits and checks that the
 * audio holds as much as the headers announce (a truncated file or a lying chunk size does not).
 * Every refusal is INVALID_AUDIO with the reason.
 */
export async function inspectSampleAudio(bytes: Uint8Array, limits: SampleDecodeLimits): Promise<InspectedVoiceSampleAudio> {
  try {
    const probe = await probeAudio(bytes);
    assertCompleteContainer(bytes, probe.format);
    if (probe.durationSeconds > limits.maxSeconds * (1 + LENGTH_TOLERANCE_RATIO[probe.format]) + LENGTH_TOLERANCE_SECONDS[probe.format])
      throw new InvalidAudioError(`Audio is too long: ${probe.durationSeconds.toFixed(1)} s (at most ${limits.maxSeconds} s)`);
    // A little past the limit, so a file right at it is judged by its real length, not refused by the cap.
    const decoded = await decodeAudio(bytes, { maxSeconds: limits.maxSeconds + 1, timeoutMs: limits.timeoutMs });
    const durationSeconds = decoded.audio.samples.length / decoded.audio.sampleRate;
    // Opus always decodes at 48 kHz whatever input rate its header records; the others must agree.
    if (probe.format !== 'ogg-opus' && decoded.audio.sampleRate !== probe.sampleRate)
      throw new InvalidAudioError(`Headers say ${probe.sampleRate} Hz but the audio decodes at ${decoded.audio.sampleRate} Hz`);
    const gap = Math.abs(durationSeconds - probe.durationSeconds);
    if (gap > LENGTH_TOLERANCE_SECONDS[probe.format] + LENGTH_TOLERANCE_RATIO[probe.format] * probe.durationSeconds)
      throw new InvalidAudioError(
        `Headers announce ${probe.durationSeconds.toFixed(2)} s but the file holds ${durationSeconds.toFixed(2)} s of audio (truncated or corrupt)`,
      );
    return {
      format: SAMPLE_FORMATS[decoded.format],
      channels: probe.channels,
      sampleRate: decoded.audio.sampleRate,
      durationSeconds,
      audio: decoded.audio,
    };
  } catch (error) {
    // Only the bytes are at work here: whatever a decoder throws on them is the file's fault.
    if (error instanceof InvalidAudioError) throw voiceSampleErrors.invalidAudio(error.message);
    throw voiceSampleErrors.invalidAudio(`Malformed audio: ${error instanceof Error ? error.message : String(error)}`);
  }
}
