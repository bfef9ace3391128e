import { readPresentedCredentials } from './presented-credentials.js';

describe('readPresentedCredentials', () => {
  it.each([
    ['a JWT bearer', 'Bearer eyJ.a.b', undefined, { kind: 'access_token', token: 'eyJ.a.b' }],
    ['a bearer in any case', 'bearer eyJ.a.b', undefined, { kind: 'access_token', token: 'eyJ.a.b' }],
    ['an API key as bearer', 'Bearer vx_abc', undefined, { kind: 'api_key', key: 'vx_abc' }],
    ['an X-API-Key', undefined, 'vx_abc', { kind: 'api_key', key: 'vx_abc' }],
    ['Authorization over X-API-Key', 'Bearer eyJ.a.b', 'vx_abc', { kind: 'access_token', token: 'eyJ.a.b' }],
    ['another scheme', 'Basic YWRh', undefined, { kind: 'malformed' }],
    ['an empty bearer', 'Bearer ', undefined, { kind: 'malformed' }],
    ['an X-API-Key without the prefix', undefined, 'sk_abc', { kind: 'malformed' }],
    ['nothing', undefined, undefined, undefined],
  ])('reads %s', (_what, authorization, apiKey, expected) => {
    expect(readPresentedCredentials(authorization, apiKey)).toEqual(expected);
  });
});
