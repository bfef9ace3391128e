/** Audio that cannot be accepted; `message` is the reason, meant to be shown to the uploader (the `INVALID_AUDIO` 400). */
export class InvalidAudioError extends Error {
  override readonly name = 'InvalidAudioError';
}
