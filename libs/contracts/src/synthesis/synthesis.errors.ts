/** Error codes of the synthesis context (the gateway maps them to HTTP statuses). */
export const SynthesisErrorCode = {
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  VOICE_NOT_FOUND: 'VOICE_NOT_FOUND',
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  UNSUPPORTED_SAMPLE_RATE: 'UNSUPPORTED_SAMPLE_RATE',
  /** The inference queue is full; retry later. */
  OVERLOADED: 'OVERLOADED',
  /** SSML input that is malformed or uses something this platform refuses (DOCTYPE, entities, unknown elements, …). */
  INVALID_SSML: 'INVALID_SSML',
} as const;
export type SynthesisErrorCode = (typeof SynthesisErrorCode)[keyof typeof SynthesisErrorCode];
