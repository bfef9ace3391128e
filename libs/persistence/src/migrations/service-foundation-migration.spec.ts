import { serviceFoundationMigration } from './service-foundation-migration.js';

describe('serviceFoundationMigration', () => {
  it('is named after the service and ends in its timestamp, as TypeORM requires', () => {
    expect(new (serviceFoundationMigration('identity', 1763856000000))().name).toBe('IdentityFoundation1763856000000');
    expect(new (serviceFoundationMigration('api-gateway', 1763856000000))().name).toBe('ApiGatewayFoundation1763856000000');
  });

  it('rejects a timestamp TypeORM could not order by', () => {
    expect(() => serviceFoundationMigration('voice', 42)).toThrow(/13-digit/);
  });
});
