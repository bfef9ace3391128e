/** Settings of the identity use cases that come from configuration. */
export class IdentitySettings {
  constructor(readonly refreshTokenTtlSeconds: number) {}
}
