import {
  ChangePasswordCommand,
  CreateApiKeyCommand,
  LoginCommand,
  LogoutCommand,
  RefreshSessionCommand,
  RegisterUserCommand,
  RevokeApiKeyCommand,
  UpdateProfileCommand,
  VerifyApiKeyQuery,
} from '#contracts';
import { startIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { uniqueEmail } from '../testing/identity-fixtures.js';

const ADMIN_PASSWORD = 'Bootstrap-admin-secret-1';

describe('secrets in logs (identity handlers, logger at trace level)', () => {
  let app: IdentityTestApp;

  beforeAll(async () => {
    app = await startIdentityTestApp({ admin: { email: uniqueEmail('root'), password: ADMIN_PASSWORD } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('never writes a password, refresh token, access token or API key, on success or failure', async () => {
    const secrets: string[] = [ADMIN_PASSWORD];
    const password = 'First-secret-password-1';
    const newPassword = 'Second-secret-password-2';
    secrets.push(password, newPassword, 'Wrong-secret-password-3');
    const email = uniqueEmail('careful');
    const ignore = (call: Promise<unknown>) => call.catch(() => undefined);

    const user = await app.caller.send(RegisterUserCommand, { email, password, first_name: 'Cara', last_name: 'Ful' });
    await ignore(app.caller.send(RegisterUserCommand, { email: uniqueEmail(), password: 'weak-secret', first_name: 'W', last_name: 'K' }));
    secrets.push('weak-secret');
    await ignore(app.caller.send(LoginCommand, { email, password: 'Wrong-secret-password-3' }));
    const session = await app.caller.send(LoginCommand, { email, password });
    const rotated = await app.caller.send(RefreshSessionCommand, { refresh_token: session.refresh_token });
    await ignore(app.caller.send(RefreshSessionCommand, { refresh_token: session.refresh_token }));
    secrets.push(session.refresh_token, session.access_token, rotated.refresh_token, rotated.access_token);

    const again = await app.caller.send(LoginCommand, { email, password });
    secrets.push(again.refresh_token, again.access_token);
    await app.caller.send(UpdateProfileCommand, { user_id: user.user_id, email: uniqueEmail('moved'), current_password: password });
    await app.caller.send(ChangePasswordCommand, { user_id: user.user_id, current_password: password, new_password: newPassword });
    await app.caller.send(LogoutCommand, { user_id: user.user_id, refresh_token: again.refresh_token });

    const created = await app.caller.send(CreateApiKeyCommand, { user_id: user.user_id, name: 'bot', scopes: ['tts'] });
    secrets.push(created.key);
    await app.caller.query(VerifyApiKeyQuery, { key: created.key });
    await app.caller.send(RevokeApiKeyCommand, { user_id: user.user_id, key_id: created.api_key.key_id });
    await ignore(app.caller.query(VerifyApiKeyQuery, { key: created.key }));

    const written = app.log.text();
    expect(written).toContain(user.user_id);
    expect(written).toContain('refresh token reused');
    for (const secret of secrets) expect(written).not.toContain(secret);
  });
});
