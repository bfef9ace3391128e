import { ApiKeyRecord } from './api-key.entity.js';
import { PlatformConfigHistoryRecord } from './platform-config-history.entity.js';
import { PlatformConfigRecord } from './platform-config.entity.js';
import { RefreshTokenRecord } from './refresh-token.entity.js';
import { SessionRecord } from './session.entity.js';
import { UserRecord } from './user.entity.js';

/** The TypeORM entities of the identity schema, for the service's data source. */
export const identityEntities = [
  UserRecord,
  SessionRecord,
  RefreshTokenRecord,
  ApiKeyRecord,
  PlatformConfigRecord,
  PlatformConfigHistoryRecord,
];
