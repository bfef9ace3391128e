import { defineCommand, defineQuery } from '../messages/message-definitions.js';
import type { SynthesisResultView, SynthesisSettings, VoiceView } from './synthesis.views.js';

/**
 * Speaks `text` and stores the audio as the user's `synthesis_output` file. Errors: VALIDATION_ERROR,
 * TEXT_TOO_LONG, VOICE_NOT_FOUND, UNSUPPORTED_FORMAT, UNSUPPORTED_SAMPLE_RATE, OVERLOADED.
 */
export const SynthesizeSpeechCommand = defineCommand<
  { user_id: string; text: string; voice_id?: string; config?: SynthesisSettings },
  SynthesisResultView
>('synthesis', 'synthesis.tts.synthesize');

/**
 * Reply timeout for SynthesizeSpeechCommand: 5,000 characters are minutes of audio, and a request may
 * wait behind a full inference queue; the bus's default (a few seconds) is for quick requests.
 */
export const SYNTHESIZE_SPEECH_TIMEOUT_MS = 120_000;

export const ListVoicesQuery = defineQuery<Record<string, never>, { voices: VoiceView[]; default_voice_id: string }>(
  'synthesis',
  'synthesis.voice.list',
);
