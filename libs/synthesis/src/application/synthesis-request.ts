import { ApplicationError, ErrorCode, hasPrefix, IdPrefix, SynthesisErrorCode, type AudioFormat, type SynthesisSettings } from '#contracts';
import { UnknownVoiceError, type CustomSpeaker, type SpeechEngine } from '../engine/speech-engine.js';
import { assertEncodable } from './encode-audio.js';
import { assertValidSsml } from './ssml-validation.js';
import { defaultVoiceId } from './voice-directory.js';
import type { VoiceProfileResolver } from './voice-profile-resolver.js';

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
  /** For a voice profile (`vp_…`): its id, and its speaker point on the base voice `voiceId`. */
  voiceProfileId?: string;
  speaker?: CustomSpeaker;
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

/**
 * validateSynthesisRequest, plus the caller's voice profiles: a `vp_…` voice id is resolved through the
 * voice service (the owner's ready profiles only, VOICE_NOT_FOUND otherwise) into its base voice and
 * speaker point, its pitch factor multiplying the requested pitch and its tempo the requested speed.
 */
export async function resolveSynthesisRequest(
  payload: SynthesisRequestInput,
  engine: SpeechEngine,
  maxLength: number,
  profiles: VoiceProfileResolver,
): Promise<SynthesisRequest> {
  const voiceId = payload.voice_id;
  if (typeof voiceId !== 'string' || !voiceId.startsWith(`${IdPrefix.voiceProfile}_`)) {
    return validateSynthesisRequest(payload, engine, maxLength);
  }
  if (!hasPrefix(voiceId, IdPrefix.voiceProfile)) {
    throw new ApplicationError(SynthesisErrorCode.VOICE_NOT_FOUND, `No voice ${voiceId}; see GET /api/v1/voices`);
  }
  const profile = await profiles.resolve(voiceId, payload.user_id);
  const request = validateSynthesisRequest({ ...payload, voice_id: profile.voiceId }, engine, maxLength);
  return {
    ...request,
    voiceProfileId: voiceId,
    speaker: profile.speaker,
    speed: within(request.speed * profile.tempo, SPEED_RANGE),
    pitch: within(request.pitch * profile.pitchFactor, PITCH_RANGE),
  };
}

function within(value: number, [low, high]: readonly [number, number]): number {
  return Math.min(high, Math.max(low, value));
}
