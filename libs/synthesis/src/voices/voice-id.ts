/** `NAME` or `NAME:speaker` (e.g. `en_US-voxify-low:slt`). */
export interface VoiceRef {
  voice: string;
  speaker?: string;
}

export function parseVoiceId(voiceId: string): VoiceRef {
  const colon = voiceId.indexOf(':');
  if (colon < 0) return { voice: voiceId };
  return { voice: voiceId.slice(0, colon), speaker: voiceId.slice(colon + 1) };
}

export function formatVoiceId(voice: string, speaker?: string): string {
  return speaker ? `${voice}:${speaker}` : voice;
}
