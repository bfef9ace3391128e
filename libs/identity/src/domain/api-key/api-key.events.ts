export interface ApiKeyRevoked {
  readonly name: 'ApiKeyRevoked';
  readonly keyId: string;
  readonly userId: string;
  readonly occurredAt: Date;
}
