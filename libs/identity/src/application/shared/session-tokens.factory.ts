import { Injectable } from '@nestjs/common';
import type { SessionTokens } from '#contracts';
import { AccessTokenSigner } from '../../access-tokens/index.js';
import type { Session, User } from '../../domain/index.js';
import { IdentitySettings } from './identity-settings.js';
import { toUserView } from './views.js';

/** What login and refresh answer: a fresh access token for the session, the new refresh token and the user. */
@Injectable()
export class SessionTokensFactory {
  constructor(
    private readonly signer: AccessTokenSigner,
    private readonly settings: IdentitySettings,
  ) {}

  create(user: User, session: Session, refreshToken: string): SessionTokens {
    const access = this.signer.issue({ userId: user.id, email: user.email.value, roles: user.roles, sessionId: session.id });
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: refreshToken,
      refresh_expires_in: this.settings.refreshTokenTtlSeconds,
      user: toUserView(user),
    };
  }
}
