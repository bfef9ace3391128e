import { RevocationList } from './revocation-list.js';

describe('RevocationList', () => {
  let now: number;
  let list: RevocationList;
  const seconds = () => Math.floor(now / 1000);

  beforeEach(() => {
    now = 1_700_000_000_000;
    list = new RevocationList({ accessTokenTtlSeconds: 900, apiKeyMemoryMs: 60_000, now: () => now });
  });

  it('refuses the tokens of a revoked session until they would have expired anyway', () => {
    const token = { sub: 'usr_1', sid: 'ses_1', iat: seconds() };
    list.revokeSessions(['ses_1']);

    expect(list.refusalForToken(token)).toBe('TOKEN_INVALID');
    expect(list.refusalForToken({ ...token, sid: 'ses_2' })).toBeUndefined();
    now += 900_000 + 10_001;
    expect(list.refusalForToken(token)).toBeUndefined();
  });

  it('refuses tokens issued up to the second a user was disabled, not later ones', () => {
    const issuedBefore = { sub: 'usr_1', sid: 's', iat: seconds() - 10 };
    list.userDisabled('usr_1', now);

    expect(list.refusalForToken(issuedBefore)).toBe('TOKEN_INVALID');
    expect(list.refusalForToken({ ...issuedBefore, iat: seconds() })).toBe('TOKEN_INVALID');
    expect(list.refusalForToken({ ...issuedBefore, iat: seconds() + 1 })).toBeUndefined();
  });

  it('answers TOKEN_EXPIRED for tokens issued before a role change, and accepts one refreshed in the same second', () => {
    list.rolesChanged('usr_1', now);

    expect(list.refusalForToken({ sub: 'usr_1', sid: 's', iat: seconds() - 1 })).toBe('TOKEN_EXPIRED');
    expect(list.refusalForToken({ sub: 'usr_1', sid: 's', iat: seconds() })).toBeUndefined();
    expect(list.refusalForToken({ sub: 'usr_2', sid: 's', iat: seconds() - 1 })).toBeUndefined();
  });

  it('remembers a revoked API key for its memory time, and which users changed since when', () => {
    list.revokeApiKey('key_1');
    list.rolesChanged('usr_1', now);

    expect(list.isApiKeyRevoked('key_1')).toBe(true);
    expect(list.userChangedSince('usr_1', now - 1)).toBe(true);
    expect(list.userChangedSince('usr_1', now + 1)).toBe(false);
    now += 60_001;
    expect(list.isApiKeyRevoked('key_1')).toBe(false);
  });
});
