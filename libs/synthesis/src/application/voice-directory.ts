import type { VoiceView } from '#contracts';
import type { VoiceDefinition } from '../voices/piper-voice-config.js';
import { formatVoiceId } from '../voices/voice-id.js';

export const PREFERRED_DEFAULT_VOICE = 'en_US-voxify-low';

/** Each voice × speaker as the API lists it. */
export function voiceViews(voices: readonly VoiceDefinition[]): VoiceView[] {
  return voices.flatMap((voice): VoiceView[] => {
    const common = {
      name: voice.name,
      language: voice.language,
      sample_rate: voice.sampleRate,
      num_speakers: Math.max(1, voice.speakers.length),
    };
    if (voice.speakers.length === 0) return [{ voice_id: voice.name, speaker: null, ...common }];
    return voice.speakers.map((speaker) => ({ voice_id: formatVoiceId(voice.name, speaker.name), speaker: speaker.name, ...common }));
  });
}

/** The first speaker of en_US-voxify-low when it is installed, else the first voice listed. */
export function defaultVoiceId(voices: readonly VoiceDefinition[]): string {
  const views = voiceViews(voices);
  return (views.find((view) => view.name === PREFERRED_DEFAULT_VOICE) ?? views[0])!.voice_id;
}
