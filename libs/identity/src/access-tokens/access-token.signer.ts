import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { ACCESS_TOKEN_ALGORITHM, MIN_SECRET_LENGTH, type AccessTokenSettings } from './access-token-settings.js';

export interface SignedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
}

export class AccessTokenSigner {
  private readonly sign: (payload: Record<string, unknown>) => string;

  constructor(private readonly settings: AccessTokenSettings) {
    if (Buffer.byteLength(settings.secret) < MIN_SECRET_LENGTH) {
      throw new Error(`The access-token secret must be at least ${MIN_SECRET_LENGTH} bytes`);
    }
    this.sign = createSigner({
      key: Buffer.from(settings.secret),
      algorithm: ACCESS_TOKEN_ALGORITHM,
      iss: settings.issuer,
      aud: settings.audience,
      expiresIn: settings.ttlSeconds * 1000,
    });
  }

  issue(subject: { userId: string; email: string; roles: readonly string[]; sessionId: string }): SignedAccessToken {
    const jti = randomUUID();
    const token = this.sign({
      sub: subject.userId,
      email: subject.email,
      roles: [...subject.roles],
      sid: subject.sessionId,
      jti,
      typ: 'access',
    });
    return { token, jti, expiresIn: this.settings.ttlSeconds };
  }
}
