import { AdminUpdateUserHandler } from './admin-update-user/admin-update-user.handler.js';
import { ChangePasswordHandler } from './change-password/change-password.handler.js';
import { CreateApiKeyHandler } from './create-api-key/create-api-key.handler.js';
import { GetIdentityStatsHandler } from './get-identity-stats/get-identity-stats.handler.js';
import { GetPlatformConfigHandler } from './get-platform-config/get-platform-config.handler.js';
import { GetUserHandler } from './get-user/get-user.handler.js';
import { ListApiKeysHandler } from './list-api-keys/list-api-keys.handler.js';
import { ListUsersHandler } from './list-users/list-users.handler.js';
import { LoginHandler } from './login/login.handler.js';
import { LogoutHandler } from './logout/logout.handler.js';
import { RefreshSessionHandler } from './refresh-session/refresh-session.handler.js';
import { RegisterUserHandler } from './register-user/register-user.handler.js';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler.js';
import { UpdatePlatformConfigHandler } from './update-platform-config/update-platform-config.handler.js';
import { UpdateProfileHandler } from './update-profile/update-profile.handler.js';
import { VerifyApiKeyHandler } from './verify-api-key/verify-api-key.handler.js';

export * from './ports/index.js';
export * from './shared/identity-settings.js';
export * from './ensure-admin/ensure-admin-account.js';

/** One handler per identity command and query of the contracts. */
export const identityMessageHandlers = [
  RegisterUserHandler,
  LoginHandler,
  RefreshSessionHandler,
  LogoutHandler,
  UpdateProfileHandler,
  ChangePasswordHandler,
  GetUserHandler,
  CreateApiKeyHandler,
  ListApiKeysHandler,
  RevokeApiKeyHandler,
  VerifyApiKeyHandler,
  ListUsersHandler,
  AdminUpdateUserHandler,
  GetPlatformConfigHandler,
  UpdatePlatformConfigHandler,
  GetIdentityStatsHandler,
];
