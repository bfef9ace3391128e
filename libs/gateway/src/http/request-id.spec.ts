import type { IncomingMessage } from 'node:http';
import { requestIdFor, traceparentOf } from './request-id.js';

const withHeaders = (headers: Record<string, string | string[]>) => ({ headers }) as unknown as IncomingMessage;

describe('requestIdFor', () => {
  it('keeps a sane incoming id', () => {
    expect(requestIdFor(withHeaders({ 'x-request-id': 'abc-123_x.y:z' }))).toBe('abc-123_x.y:z');
  });

  it.each([
    ['missing', {}],
    ['empty', { 'x-request-id': '' }],
    ['with a newline', { 'x-request-id': 'abc\ninjected' }],
    ['repeated', { 'x-request-id': ['a', 'b'] }],
  ])('makes a fresh UUID when the incoming id is %s', (_what, headers) => {
    expect(requestIdFor(withHeaders(headers))).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes a different id for each request', () => {
    expect(requestIdFor(withHeaders({}))).not.toBe(requestIdFor(withHeaders({})));
  });
});

describe('traceparentOf', () => {
  it('accepts a W3C traceparent', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(traceparentOf(withHeaders({ traceparent }))).toBe(traceparent);
  });

  it.each(['', 'garbage', '00-XYZ-00f067aa0ba902b7-01'])('drops %j', (traceparent) => {
    expect(traceparentOf(withHeaders({ traceparent }))).toBeUndefined();
  });
});
