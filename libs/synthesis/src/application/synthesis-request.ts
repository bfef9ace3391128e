import { ApplicationError, ErrorCode, SynthesisErrorCode, type AudioFormat, type SynthesisSettings } from '#contracts';
import { UnknownVoiceError, type SpeechEngine } from '../engine/speech-engine.js';
import { assertEncodable } from './encode-audio.js';
import { assertValidSsml } from './ssml-validation.js';
import { defaultVoiceId } from './voice-directory.js';

export const SPEED_RANGE = [0.25, 4] as const;
export const VOLUME_RANGE = [0, 2] as const;
/** A frequency factor: 1 is the voice's own pitch, 2 an octave up. */
export const PITCH_RANGE = [0.5, 2] as const;

/** What every synthesis entry point (sync, async, stream) needs, checked once. */
export interface SynthesisRequest {
  userId: string;
  text: string;
  voiceId: string;
  speed: number;
  pitch: number;
  volume: number;
  format: AudioFormat;
  /** Absent: the voice's own rate. */
  sampleRate: number | undefined;
}

export interface SynthesisRequestInput {
  user_id: string;
  text: string;
  voice_id?: string;
  config?: SynthesisSettings;
}

/**
 * Validates a request against the engine's voices and the length limit: VALIDATION_ERROR, TEXT_TOO_LONG,
 * VOICE_NOT_FOUND, UNSUPPORTED_FORMAT, UNSUPPORTED_SAMPLE_RATE, INVALID_SSML.
 */
export function validateSynthesisRequest(payload: SynthesisRequestInput, engine: SpeechEngine, maxLength: number): SynthesisRequest {
  const text = typeof payload.text === 'string' ? payload.text.trim() : '';
  if (!text) throw invalid('text', 'must not be empty');
  if (text.length > maxLength) {
    throw new ApplicationError(SynthesisErrorCode.TEXT_TOO_LONG, `The text is longer than ${maxLength} characters`);
  }
  assertValidSsml(text);
  const config = payload.config ?? {};
  const format: AudioFormat = config.output_format ?? 'wav';
  const speed = checkRange('config.speed', config.speed ?? 1, SPEED_RANGE);
  const volume = checkRange('config.volume', config.volume ?? 1, VOLUME_RANGE);
  const pitch = checkRange('config.pitch', config.pitch ?? 1, PITCH_RANGE);
  assertEncodable(format, config.sample_rate);
  const voiceId = payload.voice_id ?? defaultVoiceId(engine.voices);
  try {
    engine.resolve(voiceId);
  } catch (error) {
    if (error instanceof UnknownVoiceError) {
      throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${voiceId}; see GET /api/v1/tts/voices`);
    }
    throw error;
  }
  return { userId: payload.user_id, text, voiceId, speed, pitch, volume, format, sampleRate: config.sample_rate };
}

function checkRange(field: string, value: unknown, [low, high]: readonly [number, number]): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high) return value;
  throw invalid(field, `must be between ${low} and ${high}`);
}

function invalid(field: string, message: string): ApplicationError {
  return new ApplicationError(ErrorCode.VALIDATION_ERROR, `${field} ${message}`, [{ field, messages: [message] }]);
}
