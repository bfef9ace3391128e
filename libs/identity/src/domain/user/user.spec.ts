import { Email } from './email.js';
import { assertPasswordPolicy, passwordPolicyProblems } from './password-policy.js';
import { User } from './user.js';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-02T00:00:00Z');
const newUser = () =>
  User.register({ email: Email.parse('ada@example.com'), passwordHash: 'hash', firstName: ' Ada ', lastName: 'Lovelace', now });
const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('Email', () => {
  it('trims and lower-cases', () => {
    expect(Email.parse('  Ada.Lovelace@Example.COM ').value).toBe('ada.lovelace@example.com');
  });

  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`, 42])(
    'refuses %p',
    (raw) => {
      expect(Email.tryParse(raw)).toBeUndefined();
      expect(codeOf(() => Email.parse(raw))).toBe('VALIDATION_ERROR');
    },
  );
});

describe('password policy', () => {
  it.each(['Correct-Horse-42', 'correcthorse42', 'CORRECT HORSE', 'ábcdéfghij1'])('accepts %p', (password) => {
    expect(passwordPolicyProblems(password)).toEqual([]);
  });

  it('refuses short passwords and passwords of one character class, saying why', () => {
    expect(passwordPolicyProblems('Ab1!')).toEqual(['must be at least 10 characters long']);
    expect(passwordPolicyProblems('abcdefghijkl')).toEqual([expect.stringContaining('mix at least two')]);
    expect(passwordPolicyProblems('1234567890')).toHaveLength(1);
    expect(passwordPolicyProblems('!!!!!!!!!!!!')).toHaveLength(1);
    expect(passwordPolicyProblems('x'.repeat(300) + 'Y')).toEqual(['must be at most 256 characters long']);
    expect(passwordPolicyProblems(undefined)).toEqual(['must be a string']);
  });

  it('throws WEAK_PASSWORD with the problems as details of the named field', () => {
    let error: unknown;
    try {
      assertPasswordPolicy('short', 'new_password');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'WEAK_PASSWORD', details: [{ field: 'new_password', messages: expect.any(Array) }] });
    expect((error as Error).message).toContain('at least 10 characters');
  });
});

describe('User', () => {
  it('registers an active plain user and raises UserRegistered', () => {
    const user = newUser();

    expect(user).toMatchObject({ firstName: 'Ada', roles: ['user'], status: 'active', isAdmin: false, lastLoginAt: null });
    expect(user.id).toMatch(/^usr_/);
    expect(user.pullEvents()).toEqual([{ name: 'UserRegistered', userId: user.id, email: 'ada@example.com', occurredAt: now }]);
    expect(user.pullEvents()).toEqual([]);
  });

  it('refuses empty or overlong names', () => {
    expect(codeOf(() => User.register({ email: Email.parse('a@b.co'), passwordHash: 'h', firstName: ' ', lastName: 'x', now }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(codeOf(() => newUser().rename({ lastName: 'x'.repeat(101) }, later))).toBe('VALIDATION_ERROR');
  });

  it('changes roles through an admin, always keeping user, raising UserRolesChanged only on a change', () => {
    const user = newUser();
    user.pullEvents();

    user.applyAdminChange('usr_admin', { roles: ['admin'] }, later);
    user.applyAdminChange('usr_admin', { roles: ['admin', 'user'] }, later);

    expect(user.roles).toEqual(['user', 'admin']);
    expect(user.pullEvents()).toEqual([{ name: 'UserRolesChanged', userId: user.id, roles: ['user', 'admin'], occurredAt: later }]);
    expect(codeOf(() => user.applyAdminChange('usr_admin', { roles: ['root'] }, later))).toBe('VALIDATION_ERROR');
  });

  it('disables once (one UserDisabled) and enables again', () => {
    const user = newUser();
    user.pullEvents();

    user.applyAdminChange('usr_admin', { disabled: true }, later);
    user.applyAdminChange('usr_admin', { disabled: true }, later);

    expect(user.status).toBe('disabled');
    expect(codeOf(() => user.assertActive())).toBe('ACCOUNT_DISABLED');
    expect(user.pullEvents()).toEqual([{ name: 'UserDisabled', userId: user.id, occurredAt: later }]);
    user.applyAdminChange('usr_admin', { disabled: false }, later);
    expect(user.isActive).toBe(true);
  });

  it('does not let an admin disable or demote themselves', () => {
    const admin = User.registerAdmin({ email: Email.parse('root@example.com'), passwordHash: 'h', firstName: 'R', lastName: 'T', now });

    expect(codeOf(() => admin.applyAdminChange(admin.id, { disabled: true }, later))).toBe('PERMISSION_DENIED');
    expect(codeOf(() => admin.applyAdminChange(admin.id, { roles: ['user'] }, later))).toBe('PERMISSION_DENIED');
    expect(admin.isAdmin && admin.isActive).toBe(true);
  });

  it('grants admin to the configured first admin once', () => {
    const user = newUser();
    user.pullEvents();

    expect(user.grantAdmin(later)).toBe(true);
    expect(user.grantAdmin(later)).toBe(false);
    expect(user.pullEvents()).toHaveLength(1);
  });
});
