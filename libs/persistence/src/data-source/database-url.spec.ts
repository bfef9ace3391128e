import { databaseUrlVariable, resolveDatabaseUrl } from './database-url.js';
import { schemaForService } from './service-schema.js';

describe('resolveDatabaseUrl', () => {
  it('prefers the service’s own DATABASE_URL_<SERVICE>', () => {
    const env = { DATABASE_URL: 'postgres://shared/db', DATABASE_URL_IDENTITY: 'postgres://identity/db' };

    expect(resolveDatabaseUrl('identity', env)).toBe('postgres://identity/db');
    expect(resolveDatabaseUrl('voice', env)).toBe('postgres://shared/db');
  });

  it('treats blank values as unset and returns undefined when nothing is configured', () => {
    expect(resolveDatabaseUrl('jobs', { DATABASE_URL_JOBS: '  ', DATABASE_URL: 'postgres://shared/db' })).toBe('postgres://shared/db');
    expect(resolveDatabaseUrl('jobs', {})).toBeUndefined();
  });

  it('names the variable after the service in upper case with underscores', () => {
    expect(databaseUrlVariable('api-gateway')).toBe('DATABASE_URL_API_GATEWAY');
  });
});

describe('schemaForService', () => {
  it('uses the service name, with dashes as underscores', () => {
    expect(schemaForService('synthesis')).toBe('synthesis');
    expect(schemaForService('api-gateway')).toBe('api_gateway');
  });

  it('rejects names that are not plain identifiers', () => {
    expect(() => schemaForService('Voice; DROP')).toThrow(/valid schema name/);
  });
});
