/** The voice model that OpenAI's voice names speak with. */
export const OPENAI_VOICE_MODEL = 'en_US-voxify-low';

/** OpenAI's voice names and the speaker of OPENAI_VOICE_MODEL each one maps to. */
export const OPENAI_VOICE_SPEAKERS: Readonly<Record<string, string>> = {
  alloy: 'slt',
  nova: 'slt',
  shimmer: 'slt',
  coral: 'slt',
  marin: 'slt',
  echo: 'rms',
  onyx: 'rms',
  ash: 'rms',
  cedar: 'rms',
  fable: 'awb',
  ballad: 'awb',
  sage: 'awb',
  verse: 'kal',
};

/** Markdown list of the map, for the Swagger description. */
export function describeOpenAiVoiceMap(): string {
  const bySpeaker = new Map<string, string[]>();
  for (const [name, speaker] of Object.entries(OPENAI_VOICE_SPEAKERS)) {
    bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), `\`${name}\``]);
  }
  return [...bySpeaker.entries()].map(([speaker, names]) => `${names.join(', ')} → \`${OPENAI_VOICE_MODEL}:${speaker}\``).join('; ');
}

/** Our `voice_id` for an OpenAI voice name; any other value is taken as one of our voice ids. */
export function toVoxifyVoiceId(voice: string): string {
  const speaker = Object.hasOwn(OPENAI_VOICE_SPEAKERS, voice) ? OPENAI_VOICE_SPEAKERS[voice] : undefined;
  return speaker === undefined ? voice : `${OPENAI_VOICE_MODEL}:${speaker}`;
}
