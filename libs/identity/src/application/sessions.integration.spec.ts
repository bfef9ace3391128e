import {
  AdminUpdateUserCommand,
  IdentityErrorCode,
  LoginCommand,
  LogoutCommand,
  RefreshSessionCommand,
  SessionsRevokedEvent,
} from '#contracts';
import { waitFor } from '#test-support';
import { AccessTokenVerifier } from '../access-tokens/index.js';
import { startIdentityTestApp, TEST_ACCESS_TOKENS, type IdentityTestApp } from '../testing/identity-test-app.js';
import { errorCodeOf, GOOD_PASSWORD, login, register, registerAndLogin, uniqueEmail } from '../testing/identity-fixtures.js';

const ADMIN = { email: uniqueEmail('root'), password: 'Admin-password-1' };
const sessionIdOf = (accessToken: string) => new AccessTokenVerifier(TEST_ACCESS_TOKENS).verify(accessToken).sid;

describe('sessions (identity handlers on real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;

  beforeAll(async () => {
    app = await startIdentityTestApp({ admin: ADMIN });
  });

  afterAll(async () => {
    await app.close();
  });

  const refresh = (refreshToken: string) => app.caller.send(RefreshSessionCommand, { refresh_token: refreshToken });
  const revokedSessionsOf = (userId: string) =>
    app
      .eventsOf(SessionsRevokedEvent)
      .filter((event) => event.user_id === userId)
      .flatMap((event) => event.session_ids);

  describe('login', () => {
    it('answers an access token for the session, a refresh token and the user', async () => {
      const user = await register(app);

      const tokens = await login(app, `  ${user.email.toUpperCase()} `);

      expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 900, refresh_expires_in: 3600, user: { user_id: user.user_id } });
      expect(tokens.refresh_token).toMatch(/^vxr_[A-Za-z0-9_-]{43}$/);
      expect(tokens.user.last_login_at).not.toBeNull();
      const claims = new AccessTokenVerifier(TEST_ACCESS_TOKENS).verify(tokens.access_token);
      expect(claims).toMatchObject({ sub: user.user_id, email: user.email, roles: ['user'] });
      expect(claims.sid).toMatch(/^ses_/);
    });

    it('refuses a wrong password and an unknown email with the same code and message', async () => {
      const user = await register(app);

      const wrong = await app.caller.send(LoginCommand, { email: user.email, password: 'Wrong-password-1' }).catch((error: Error) => error);
      const unknown = await app.caller
        .send(LoginCommand, { email: uniqueEmail('nobody'), password: GOOD_PASSWORD })
        .catch((error: Error) => error);
      const malformed = await app.caller
        .send(LoginCommand, { email: 'not an email', password: GOOD_PASSWORD })
        .catch((error: Error) => error);

      expect(wrong).toMatchObject({ code: IdentityErrorCode.INVALID_CREDENTIALS });
      expect(unknown).toMatchObject({ code: IdentityErrorCode.INVALID_CREDENTIALS, message: (wrong as Error).message });
      expect(malformed).toMatchObject({ code: IdentityErrorCode.INVALID_CREDENTIALS, message: (wrong as Error).message });
    });

    it('tells a disabled user so only when the password is right', async () => {
      const admin = await login(app, ADMIN.email, ADMIN.password);
      const user = await register(app);
      await app.caller.send(AdminUpdateUserCommand, { actor_id: admin.user.user_id, user_id: user.user_id, disabled: true });

      expect(await errorCodeOf(login(app, user.email))).toBe(IdentityErrorCode.ACCOUNT_DISABLED);
      expect(await errorCodeOf(login(app, user.email, 'Wrong-password-1'))).toBe(IdentityErrorCode.INVALID_CREDENTIALS);
    });
  });

  describe('refresh', () => {
    it('rotates: the new refresh token works, the old one no longer does', async () => {
      const { tokens } = await registerAndLogin(app);

      const rotated = await refresh(tokens.refresh_token);

      expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
      expect(sessionIdOf(rotated.access_token)).toBe(sessionIdOf(tokens.access_token));
      const again = await refresh(rotated.refresh_token);
      expect(again.refresh_token).not.toBe(rotated.refresh_token);
    });

    it('revokes the whole family when a used token comes back, and publishes the revocation', async () => {
      const { user, tokens } = await registerAndLogin(app);
      const rotated = await refresh(tokens.refresh_token);

      expect(await errorCodeOf(refresh(tokens.refresh_token))).toBe(IdentityErrorCode.TOKEN_REUSED);

      // The newest token of the family (the legitimate holder's, or the thief's) is dead too.
      expect(await errorCodeOf(refresh(rotated.refresh_token))).toBe(IdentityErrorCode.TOKEN_INVALID);
      await waitFor('the revocation event', async () => (revokedSessionsOf(user.user_id).length > 0 ? true : undefined), 5000, 20);
      expect(revokedSessionsOf(user.user_id)).toEqual([sessionIdOf(tokens.access_token)]);
    });

    it('lets only one of two concurrent refreshes with the same token succeed', async () => {
      const { tokens } = await registerAndLogin(app);

      const outcomes = await Promise.allSettled([refresh(tokens.refresh_token), refresh(tokens.refresh_token)]);

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: IdentityErrorCode.TOKEN_REUSED });
    });

    it('refuses unknown, malformed and expired refresh tokens', async () => {
      const { tokens } = await registerAndLogin(app);

      expect(await errorCodeOf(refresh(`vxr_${'A'.repeat(43)}`))).toBe(IdentityErrorCode.TOKEN_INVALID);
      expect(await errorCodeOf(refresh('not-a-token'))).toBe(IdentityErrorCode.TOKEN_INVALID);

      app.clock.advance(3601 * 1000);
      try {
        expect(await errorCodeOf(refresh(tokens.refresh_token))).toBe(IdentityErrorCode.TOKEN_INVALID);
      } finally {
        app.clock.advance(-3601 * 1000);
      }
    });
  });

  describe('logout', () => {
    it('ends the session named by its refresh token or its id, and only that one', async () => {
      const user = await register(app);
      const first = await login(app, user.email);
      const second = await login(app, user.email);
      const third = await login(app, user.email);

      await expect(app.caller.send(LogoutCommand, { user_id: user.user_id, refresh_token: first.refresh_token })).resolves.toEqual({
        revoked_sessions: 1,
      });
      await expect(
        app.caller.send(LogoutCommand, { user_id: user.user_id, session_id: sessionIdOf(second.access_token) }),
      ).resolves.toEqual({
        revoked_sessions: 1,
      });

      expect(await errorCodeOf(refresh(first.refresh_token))).toBe(IdentityErrorCode.TOKEN_INVALID);
      expect(await errorCodeOf(refresh(second.refresh_token))).toBe(IdentityErrorCode.TOKEN_INVALID);
      await expect(refresh(third.refresh_token)).resolves.toMatchObject({ user: { user_id: user.user_id } });
      await waitFor('both revocations', async () => (revokedSessionsOf(user.user_id).length === 2 ? true : undefined), 5000, 20);
    });

    it('ends every session of the user when asked to log out everywhere', async () => {
      const user = await register(app);
      const sessions = [await login(app, user.email), await login(app, user.email)];
      const bystander = await registerAndLogin(app);

      await expect(app.caller.send(LogoutCommand, { user_id: user.user_id, everywhere: true })).resolves.toEqual({ revoked_sessions: 2 });

      for (const session of sessions) expect(await errorCodeOf(refresh(session.refresh_token))).toBe(IdentityErrorCode.TOKEN_INVALID);
      await expect(refresh(bystander.tokens.refresh_token)).resolves.toBeDefined();
      await waitFor(
        'one event naming both sessions',
        async () => (revokedSessionsOf(user.user_id).length === 2 ? true : undefined),
        5000,
        20,
      );
      expect(app.eventsOf(SessionsRevokedEvent).filter((event) => event.user_id === user.user_id)).toHaveLength(1);
    });

    it('does not end another user’s session', async () => {
      const victim = await registerAndLogin(app);
      const attacker = await register(app);

      await expect(
        app.caller.send(LogoutCommand, { user_id: attacker.user_id, refresh_token: victim.tokens.refresh_token }),
      ).resolves.toEqual({
        revoked_sessions: 0,
      });
      await expect(refresh(victim.tokens.refresh_token)).resolves.toBeDefined();
    });
  });
});
