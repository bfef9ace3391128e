/** Error codes of voice samples (the gateway maps them to HTTP statuses). */
export const VoiceSampleErrorCode = {
  /** The upload is not audio we accept (unknown or lying format, truncated, too short or long…): 400 with the reason. */
  INVALID_AUDIO: 'INVALID_AUDIO',
  VOICE_SAMPLE_NOT_FOUND: 'VOICE_SAMPLE_NOT_FOUND',
} as const;
export type VoiceSampleErrorCode = (typeof VoiceSampleErrorCode)[keyof typeof VoiceSampleErrorCode];
