import { ApplicationError } from '#contracts';
import { assertValidSsml } from './ssml-validation.js';

describe('assertValidSsml', () => {
  it('lets plain text and valid SSML through', () => {
    expect(() => assertValidSsml('Tom & Jerry <3')).not.toThrow();
    expect(() => assertValidSsml('<speak>Hi <break time="1s"/> there.</speak>')).not.toThrow();
  });

  it.each([
    ['<!DOCTYPE speak [<!ENTITY a "b">]><speak>&a;</speak>', /DOCTYPE/],
    ['<speak><prosody rate="warp">Hi</prosody></speak>', /rate="warp"/],
    ['<speak><voice name="x">Hi</voice></speak>', /unknown element <voice>/],
  ])('answers INVALID_SSML for %s', (text, message) => {
    let caught: unknown;
    try {
      assertValidSsml(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApplicationError);
    expect((caught as ApplicationError).code).toBe('INVALID_SSML');
    expect((caught as ApplicationError).message).toMatch(message);
  });
});
