/** One speaker of a mix with its share; the shares of a parsed mix sum to 1. */
export interface SpeakerShare {
  speaker: string;
  weight: number;
}

/**
 * `NAME`, `NAME:speaker` (e.g. `en_US-voxify-low:slt`) or a mix of the voice's speakers:
 * `NAME:slt+rms` (equal shares) or `NAME:slt(2)+rms(1)` (weights, normalised to sum to 1).
 * A mix has `mix` and no `speaker`; a one-speaker "mix" (`NAME:slt(3)`) is just that speaker.
 */
export interface VoiceRef {
  voice: string;
  speaker?: string;
  mix?: SpeakerShare[];
}

export class InvalidVoiceIdError extends Error {
  constructor(readonly voiceId: string) {
    super(`Invalid voice id: ${voiceId}`);
    this.name = 'InvalidVoiceIdError';
  }
}

const MIX_PART = /^([^()+:\s]+)(?:\((\d+(?:\.\d+)?)\))?$/;

export function parseVoiceId(voiceId: string): VoiceRef {
  const colon = voiceId.indexOf(':');
  if (colon < 0) return { voice: voiceId };
  const voice = voiceId.slice(0, colon);
  const speakers = voiceId.slice(colon + 1);
  if (!speakers.includes('+') && !speakers.includes('(')) return { voice, speaker: speakers };
  const parts = speakers.split('+').map((part) => MIX_PART.exec(part));
  if (parts.some((part) => !part)) throw new InvalidVoiceIdError(voiceId);
  const weighted = parts.map((part) => ({ speaker: part![1]!, weight: part![2] === undefined ? 1 : Number(part![2]) }));
  const names = new Set(weighted.map((part) => part.speaker));
  const total = weighted.reduce((sum, part) => sum + part.weight, 0);
  if (names.size !== weighted.length || !(total > 0) || weighted.some((part) => !(part.weight > 0))) throw new InvalidVoiceIdError(voiceId);
  if (weighted.length === 1) return { voice, speaker: weighted[0]!.speaker };
  return { voice, mix: weighted.map((part) => ({ speaker: part.speaker, weight: part.weight / total })) };
}

/** The id of a voice, one of its speakers, or a mix (`NAME:a(w)+b(w)`, weights as given). */
export function formatVoiceId(voice: string, speaker?: string | readonly SpeakerShare[]): string {
  if (speaker === undefined || speaker.length === 0) return voice;
  if (typeof speaker === 'string') return `${voice}:${speaker}`;
  return `${voice}:${speaker.map((share) => `${share.speaker}(${share.weight})`).join('+')}`;
}
