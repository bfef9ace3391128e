import { ConfigValidationError } from './load-config.js';
import { loadStandaloneServiceConfig } from './service-config.js';

const base = { AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' };

describe('loadStandaloneServiceConfig', () => {
  it('takes DATABASE_URL and applies the documented defaults', () => {
    const config = loadStandaloneServiceConfig('identity', { ...base, DATABASE_URL: 'postgres://postgres@db:5432/voxify' });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@db:5432/voxify',
      amqpUrl: base.AMQP_URL,
      port: 8081,
      host: '0.0.0.0',
      logLevel: 'info',
      busRetryDelaysMs: [100, 500, 2000],
    });
  });

  it('prefers the service’s own DATABASE_URL_<SERVICE> over the shared one', () => {
    const config = loadStandaloneServiceConfig('voice', {
      ...base,
      DATABASE_URL: 'postgres://shared/voxify',
      DATABASE_URL_VOICE: 'postgres://voice-db/voice',
      DATABASE_URL_IDENTITY: 'postgres://identity-db/identity',
    });
    expect(config.databaseUrl).toBe('postgres://voice-db/voice');
  });

  it('fails fast naming every bad variable, without echoing credentials', () => {
    let error: unknown;
    try {
      loadStandaloneServiceConfig('jobs', { AMQP_URL: 'http://user:secret@rabbit', PORT: 'eighty', BUS_RETRY_DELAYS_MS: '10,x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid configuration for jobs');
    expect(message).toMatch(/AMQP_URL: must be a URL starting with amqp:\/\//);
    expect(message).toContain('PORT');
    expect(message).toContain('BUS_RETRY_DELAYS_MS');
    expect(message).not.toContain('secret');
  });

  it('names DATABASE_URL when no database is configured', () => {
    expect(() => loadStandaloneServiceConfig('storage', base)).toThrow(/DATABASE_URL: set DATABASE_URL \(or DATABASE_URL_STORAGE/);
  });
});
