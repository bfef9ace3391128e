import { LoginCommand, RegisterUserCommand, type SessionTokens, type UserView } from '#contracts';
import type { IdentityTestApp } from './identity-test-app.js';

export const GOOD_PASSWORD = 'Correct-Horse-42';

let counter = 0;
/** A fresh, valid email per call. */
export function uniqueEmail(name = 'user'): string {
  counter++;
  return `${name}.${Date.now().toString(36)}.${counter}@example.com`;
}

export function register(
  app: IdentityTestApp,
  overrides: Partial<{ email: string; password: string; first_name: string; last_name: string }> = {},
): Promise<UserView> {
  return app.caller.send(RegisterUserCommand, {
    email: uniqueEmail(),
    password: GOOD_PASSWORD,
    first_name: 'Ada',
    last_name: 'Lovelace',
    ...overrides,
  });
}

export function login(app: IdentityTestApp, email: string, password = GOOD_PASSWORD): Promise<SessionTokens> {
  return app.caller.send(LoginCommand, { email, password, client: { ip: '203.0.113.7', user_agent: 'jest' } });
}

/** Registers a user and logs in once. */
export async function registerAndLogin(app: IdentityTestApp): Promise<{ user: UserView; tokens: SessionTokens }> {
  const user = await register(app);
  return { user, tokens: await login(app, user.email) };
}

/** The code of the ApplicationError a bus call fails with. */
export async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('Expected the call to fail, but it succeeded');
}
