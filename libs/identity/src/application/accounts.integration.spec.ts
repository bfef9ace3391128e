import {
  ChangePasswordCommand,
  ErrorCode,
  GetUserQuery,
  IdentityErrorCode,
  RefreshSessionCommand,
  RegisterUserCommand,
  UpdateProfileCommand,
  UserRegisteredEvent,
} from '#contracts';
import { waitFor } from '#test-support';
import { AccessTokenVerifier } from '../access-tokens/index.js';
import { startIdentityTestApp, TEST_ACCESS_TOKENS, type IdentityTestApp } from '../testing/identity-test-app.js';
import { errorCodeOf, GOOD_PASSWORD, login, register, registerAndLogin, uniqueEmail } from '../testing/identity-fixtures.js';

describe('accounts (identity handlers on real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;

  beforeAll(async () => {
    app = await startIdentityTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('register', () => {
    it('creates a plain user with a normalised email, answers no secret and publishes identity.user.registered', async () => {
      const email = uniqueEmail('Grace');

      const user = await register(app, { email: `  ${email.toUpperCase()}  `, first_name: ' Grace ', last_name: 'Hopper' });

      expect(user).toEqual({
        user_id: expect.stringMatching(/^usr_[0-9a-z]{20}$/),
        email: email.toLowerCase(),
        first_name: 'Grace',
        last_name: 'Hopper',
        roles: ['user'],
        status: 'active',
        created_at: expect.any(String),
        updated_at: expect.any(String),
        last_login_at: null,
      });
      await waitFor('the registration event', async () =>
        app.eventsOf(UserRegisteredEvent).find((event) => event.user_id === user.user_id),
      );
      expect(app.eventsOf(UserRegisteredEvent).find((event) => event.user_id === user.user_id)).toEqual({
        user_id: user.user_id,
        email: email.toLowerCase(),
        registered_at: user.created_at,
      });
    });

    it('never grants roles or status from the payload (mass assignment)', async () => {
      const payload = {
        email: uniqueEmail('mallory'),
        password: GOOD_PASSWORD,
        first_name: 'Mallory',
        last_name: 'Admin',
        roles: ['admin'],
        status: 'active',
        user_id: 'usr_chosenbyattacker0',
      };

      const user = await app.caller.send(RegisterUserCommand, payload);

      expect(user.roles).toEqual(['user']);
      expect(user.user_id).not.toBe('usr_chosenbyattacker0');
      const tokens = await login(app, payload.email);
      expect(new AccessTokenVerifier(TEST_ACCESS_TOKENS).verify(tokens.access_token).roles).toEqual(['user']);
    });

    it('refuses a second account for the same email, whatever its case', async () => {
      const email = uniqueEmail('twice');
      await register(app, { email });

      expect(await errorCodeOf(register(app, { email: email.toUpperCase() }))).toBe(IdentityErrorCode.USER_ALREADY_EXISTS);
    });

    it('lets exactly one of several concurrent registrations of one email through', async () => {
      const email = uniqueEmail('race');

      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => register(app, { email })));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((candidate) => candidate.status === 'rejected')) {
        expect(outcome.reason).toMatchObject({ code: IdentityErrorCode.USER_ALREADY_EXISTS });
      }
    });

    it.each([
      ['too short', 'Sh0rt!'],
      ['all lower-case', 'onlylowercaseletters'],
      ['all digits', '12345678901234'],
    ])('refuses a weak password (%s) with WEAK_PASSWORD and the rules it breaks', async (_case, password) => {
      const error = await register(app, { password }).catch((caught: unknown) => caught);

      expect(error).toMatchObject({ code: IdentityErrorCode.WEAK_PASSWORD, details: [{ field: 'password' }] });
      expect((error as Error).message).toMatch(/at least 10 characters|mix at least two/);
    });

    it('refuses an invalid email or an empty name with VALIDATION_ERROR naming the field', async () => {
      await expect(register(app, { email: 'no-at-sign' })).rejects.toMatchObject({
        code: ErrorCode.VALIDATION_ERROR,
        details: [{ field: 'email' }],
      });
      await expect(register(app, { first_name: '   ' })).rejects.toMatchObject({
        code: ErrorCode.VALIDATION_ERROR,
        details: [{ field: 'first_name' }],
      });
    });
  });

  describe('profile', () => {
    it('reads a user, and USER_NOT_FOUND for an unknown id', async () => {
      const user = await register(app);

      await expect(app.caller.query(GetUserQuery, { user_id: user.user_id })).resolves.toEqual(user);
      expect(await errorCodeOf(app.caller.query(GetUserQuery, { user_id: 'usr_doesnotexist000000' }))).toBe(
        IdentityErrorCode.USER_NOT_FOUND,
      );
    });

    it('changes names without a password', async () => {
      const user = await register(app);

      const updated = await app.caller.send(UpdateProfileCommand, { user_id: user.user_id, first_name: 'Augusta', last_name: 'King' });

      expect(updated).toMatchObject({ first_name: 'Augusta', last_name: 'King', email: user.email });
    });

    it('changes the email only with the right current password, normalised and unique', async () => {
      const user = await register(app);
      const taken = await register(app);
      const newEmail = uniqueEmail('moved');
      const change = (email: string, current_password?: string) =>
        app.caller.send(UpdateProfileCommand, {
          user_id: user.user_id,
          email,
          ...(current_password === undefined ? {} : { current_password }),
        });

      expect(await errorCodeOf(change(newEmail))).toBe(ErrorCode.VALIDATION_ERROR);
      expect(await errorCodeOf(change(newEmail, 'Wrong-password-1'))).toBe(IdentityErrorCode.INVALID_CREDENTIALS);
      expect(await errorCodeOf(change(taken.email.toUpperCase(), GOOD_PASSWORD))).toBe(IdentityErrorCode.USER_ALREADY_EXISTS);

      await expect(change(` ${newEmail.toUpperCase()} `, GOOD_PASSWORD)).resolves.toMatchObject({ email: newEmail });
      await expect(login(app, newEmail)).resolves.toBeDefined();
      expect(await errorCodeOf(login(app, user.email))).toBe(IdentityErrorCode.INVALID_CREDENTIALS);
    });
  });

  describe('change password', () => {
    it('checks the current password and the policy, then ends the other sessions but keeps the caller’s', async () => {
      const { user, tokens: current } = await registerAndLogin(app);
      const other = await login(app, user.email);
      const sessionId = new AccessTokenVerifier(TEST_ACCESS_TOKENS).verify(current.access_token).sid;
      const change = (current_password: string, new_password: string) =>
        app.caller.send(ChangePasswordCommand, { user_id: user.user_id, current_password, new_password, session_id: sessionId });

      expect(await errorCodeOf(change('Wrong-password-1', 'Another-password-2'))).toBe(IdentityErrorCode.INVALID_CREDENTIALS);
      expect(await errorCodeOf(change(GOOD_PASSWORD, 'weakweakweak'))).toBe(IdentityErrorCode.WEAK_PASSWORD);

      await change(GOOD_PASSWORD, 'Another-password-2');

      expect(await errorCodeOf(login(app, user.email))).toBe(IdentityErrorCode.INVALID_CREDENTIALS);
      await expect(login(app, user.email, 'Another-password-2')).resolves.toBeDefined();
      expect(await errorCodeOf(app.caller.send(RefreshSessionCommand, { refresh_token: other.refresh_token }))).toBe(
        IdentityErrorCode.TOKEN_INVALID,
      );
      await expect(app.caller.send(RefreshSessionCommand, { refresh_token: current.refresh_token })).resolves.toBeDefined();
    });
  });
});
