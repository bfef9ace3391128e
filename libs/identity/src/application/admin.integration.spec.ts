import {
  AdminUpdateUserCommand,
  ErrorCode,
  IdentityErrorCode,
  ListUsersQuery,
  RefreshSessionCommand,
  SessionsRevokedEvent,
  UserDisabledEvent,
  UserRolesChangedEvent,
  type UserView,
} from '#contracts';
import { waitFor } from '#test-support';
import { startIdentityTestApp, type IdentityTestApp } from '../testing/identity-test-app.js';
import { errorCodeOf, login, register, uniqueEmail } from '../testing/identity-fixtures.js';

const ADMIN = { email: uniqueEmail('root'), password: 'Admin-password-1' };

describe('admin (identity handlers on real PostgreSQL and the in-process bus)', () => {
  let app: IdentityTestApp;
  let admin: UserView;

  beforeAll(async () => {
    app = await startIdentityTestApp({ admin: ADMIN });
    admin = (await login(app, ADMIN.email, ADMIN.password)).user;
  });

  afterAll(async () => {
    await app.close();
  });

  const update = (user_id: string, change: { roles?: ('user' | 'admin')[]; disabled?: boolean }, actor_id = admin.user_id) =>
    app.caller.send(AdminUpdateUserCommand, { actor_id, user_id, ...change });

  describe('first admin from configuration', () => {
    it('exists with the admin role', () => {
      expect(admin).toMatchObject({ email: ADMIN.email, roles: ['user', 'admin'], status: 'active' });
    });

    it('is not created twice when another instance starts on the same database, and its password is kept', async () => {
      const second = await startIdentityTestApp({ admin: { ...ADMIN, password: 'Different-password-9' } }, app.databaseUrl);
      try {
        const listed = await second.caller.query(ListUsersQuery, { page: 1, page_size: 10, email: ADMIN.email });
        expect(listed.users.map((user) => user.user_id)).toEqual([admin.user_id]);
        await expect(login(second, ADMIN.email, ADMIN.password)).resolves.toBeDefined();
      } finally {
        await second.close();
      }
    });

    it('makes an existing account with that email an admin', async () => {
      const existing = await register(app);
      const second = await startIdentityTestApp({ admin: { email: existing.email, password: 'Whatever-password-1' } }, app.databaseUrl);
      try {
        const promoted = await login(second, existing.email);
        expect(promoted.user.roles).toEqual(['user', 'admin']);
        // Both instances' relays read the one outbox: either may publish the event.
        const changed = await waitFor('the roles-changed event', async () =>
          [...app.eventsOf(UserRolesChangedEvent), ...second.eventsOf(UserRolesChangedEvent)].find(
            (event) => event.user_id === existing.user_id,
          ),
        );
        expect(changed.roles).toEqual(['user', 'admin']);
      } finally {
        await second.close();
      }
    });
  });

  describe('list users', () => {
    const tag = `tag${Date.now().toString(36)}`;
    let made: UserView[];

    beforeAll(async () => {
      made = [];
      for (let i = 0; i < 5; i++) made.push(await register(app, { email: uniqueEmail(`${tag}-${i}`) }));
      await update(made[1]!.user_id, { roles: ['user', 'admin'] });
      await update(made[2]!.user_id, { disabled: true });
    });

    const list = (query: Partial<{ page: number; page_size: number; role: 'user' | 'admin'; status: 'active' | 'disabled' }> = {}) =>
      app.caller.query(ListUsersQuery, { page: 1, page_size: 20, email: tag.toUpperCase(), ...query });

    it('finds by email substring, newest first, with the pagination block', async () => {
      const page1 = await list({ page_size: 2 });
      const page3 = await list({ page: 3, page_size: 2 });

      expect(page1.users.map((user) => user.user_id)).toEqual([made[4]!.user_id, made[3]!.user_id]);
      expect(page1.pagination).toEqual({ page: 1, page_size: 2, total_count: 5, total_pages: 3, has_next: true, has_prev: false });
      expect(page3.users.map((user) => user.user_id)).toEqual([made[0]!.user_id]);
      expect(page3.pagination).toMatchObject({ page: 3, has_next: false, has_prev: true });
    });

    it('filters by role and status', async () => {
      expect((await list({ role: 'admin' })).users.map((user) => user.user_id)).toEqual([made[1]!.user_id]);
      expect((await list({ status: 'disabled' })).users.map((user) => user.user_id)).toEqual([made[2]!.user_id]);
      expect((await list({ status: 'active', role: 'user' })).pagination.total_count).toBe(4);
    });

    it('treats LIKE wildcards in the search as plain characters', async () => {
      await expect(app.caller.query(ListUsersQuery, { page: 1, page_size: 20, email: '%' })).resolves.toMatchObject({
        pagination: { total_count: 0 },
      });
    });

    it('refuses a page size above 100 or a page below 1', async () => {
      expect(await errorCodeOf(list({ page_size: 101 }))).toBe(ErrorCode.VALIDATION_ERROR);
      expect(await errorCodeOf(list({ page: 0 }))).toBe(ErrorCode.VALIDATION_ERROR);
    });
  });

  describe('update users', () => {
    it('disables a user: every session ends, refresh is refused, events are published', async () => {
      const user = await register(app);
      const first = await login(app, user.email);
      const second = await login(app, user.email);

      await expect(update(user.user_id, { disabled: true })).resolves.toMatchObject({ status: 'disabled' });

      expect(await errorCodeOf(app.caller.send(RefreshSessionCommand, { refresh_token: first.refresh_token }))).toBe(
        IdentityErrorCode.ACCOUNT_DISABLED,
      );
      await waitFor('the disabled and revoked events', async () =>
        app.eventsOf(SessionsRevokedEvent).find((event) => event.user_id === user.user_id),
      );
      expect(app.eventsOf(UserDisabledEvent).filter((event) => event.user_id === user.user_id)).toHaveLength(1);
      const revoked = app.eventsOf(SessionsRevokedEvent).find((event) => event.user_id === user.user_id);
      expect(revoked?.session_ids).toHaveLength(2);

      // Enabled again, the old sessions stay ended: the user logs in afresh.
      await expect(update(user.user_id, { disabled: false })).resolves.toMatchObject({ status: 'active' });
      expect(await errorCodeOf(app.caller.send(RefreshSessionCommand, { refresh_token: second.refresh_token }))).toBe(
        IdentityErrorCode.TOKEN_INVALID,
      );
      await expect(login(app, user.email)).resolves.toBeDefined();
    });

    it('changes roles (always keeping user) and publishes identity.user.roles-changed', async () => {
      const user = await register(app);

      await expect(update(user.user_id, { roles: ['admin'] })).resolves.toMatchObject({ roles: ['user', 'admin'] });
      const event = await waitFor('the roles-changed event', async () =>
        app.eventsOf(UserRolesChangedEvent).find((changed) => changed.user_id === user.user_id),
      );
      expect(event.roles).toEqual(['user', 'admin']);
      expect(await errorCodeOf(update(user.user_id, { roles: ['owner' as 'admin'] }))).toBe(ErrorCode.VALIDATION_ERROR);
    });

    it('does not let an admin disable or demote themselves', async () => {
      expect(await errorCodeOf(update(admin.user_id, { disabled: true }))).toBe(ErrorCode.PERMISSION_DENIED);
      expect(await errorCodeOf(update(admin.user_id, { roles: ['user'] }))).toBe(ErrorCode.PERMISSION_DENIED);
      await expect(update(admin.user_id, { roles: ['user', 'admin'] })).resolves.toMatchObject({ roles: ['user', 'admin'] });
    });

    it('refuses actors who are not admins, and unknown users', async () => {
      const plain = await register(app);
      const target = await register(app);

      expect(await errorCodeOf(update(target.user_id, { roles: ['admin'] }, plain.user_id))).toBe(ErrorCode.PERMISSION_DENIED);
      expect(await errorCodeOf(update(plain.user_id, { roles: ['admin'] }, plain.user_id))).toBe(ErrorCode.PERMISSION_DENIED);
      expect(await errorCodeOf(update('usr_doesnotexist000000', { disabled: true }))).toBe(IdentityErrorCode.USER_NOT_FOUND);
    });
  });
});
