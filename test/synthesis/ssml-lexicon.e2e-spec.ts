import { startTestPlatform, type ApiClient, type TestPlatform } from '#test-support';

interface Envelope<T> {
  success: boolean;
  data?: T;
  error?: { code: string; message: string; details?: unknown };
}

interface LexiconView {
  entries: Array<{ word: string; ipa?: string; respelling?: string }>;
  updated_at: string | null;
}

/** "testing one two three" as espeak writes it for en-us: symbols every bundled voice knows. */
const LONG_IPA = 'tˈɛstɪŋ wˈʌn tˈuː θɹˈiː';

/** SSML and the per-user pronunciation lexicon over REST, on the embedded platform with the real voice. */
describe('SSML and lexicon (embedded platform)', () => {
  let platform: TestPlatform | undefined;
  let api: ApiClient;
  let origin: string;
  let speaker: string;
  let listener: string;

  async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Envelope<T> }> {
    const response = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Envelope<T> };
  }

  /** Seconds of audio the platform made for `text`. */
  async function duration(text: string, token = speaker): Promise<number> {
    const response = await call<{ duration: number }>('POST', '/tts/synthesize', token, { text, voice_id: 'en_US-voxify-low:slt' });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 200, error: undefined });
    return response.body.data!.duration;
  }

  beforeAll(async () => {
    platform = await startTestPlatform('ssml-lexicon-e2e');
    origin = platform.origin;
    api = platform.api;
    speaker = (await api.signUp('ssml-speaker@example.com')).token;
    listener = (await api.signUp('ssml-listener@example.com')).token;
  }, 60000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('makes the audio longer by about a break (which replaces the sentence pause)', async () => {
    const plain = await duration('<speak>The sun is out. The sky is blue.</speak>');
    const withBreak = await duration('<speak>The sun is out. <break time="2s"/> The sky is blue.</speak>');
    // 2 s of break instead of the 0.25 s sentence pause; the voice's own timing varies a little per run.
    expect(withBreak - plain).toBeGreaterThan(1.45);
    expect(withBreak - plain).toBeLessThan(2.05);
  }, 60000);

  it('speaks a slow prosody rate slower', async () => {
    const normal = await duration('<speak>We will meet again tomorrow morning.</speak>');
    const slow = await duration('<speak><prosody rate="50%">We will meet again tomorrow morning.</prosody></speak>');
    expect(slow).toBeGreaterThan(normal * 1.6);
  }, 60000);

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE speak [<!ENTITY lol "lol">]><speak>&lol;</speak>', /DOCTYPE/],
    ['an unknown entity', '<speak>&lol;</speak>', /unknown entity/],
    ['an unknown element', '<speak><audio src="x.wav"/></speak>', /unknown element <audio>/],
  ])('answers 400 INVALID_SSML for %s', async (_case, text, message) => {
    const response = await call('POST', '/tts/synthesize', speaker, { text });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('INVALID_SSML');
    expect(response.body.error?.message).toMatch(message);
  });

  it('keeps a lexicon per user: PUT replaces, GET returns it, bad entries are refused', async () => {
    expect((await call<LexiconView>('GET', '/tts/lexicon', speaker)).body.data).toEqual({ entries: [], updated_at: null });
    const entries = [
      { word: 'Hi', ipa: LONG_IPA },
      { word: 'Voxify', respelling: 'vox if eye' },
    ];
    const put = await call<LexiconView>('PUT', '/tts/lexicon', speaker, { entries });
    expect(put.status).toBe(200);
    expect(put.body.data!.entries).toEqual(entries);
    const got = await call<LexiconView>('GET', '/tts/lexicon', speaker);
    expect(got.body.data).toEqual({ entries, updated_at: put.body.data!.updated_at });
    expect(Date.parse(got.body.data!.updated_at!)).toBeGreaterThan(Date.now() - 60_000);

    const bad = await call('PUT', '/tts/lexicon', speaker, {
      entries: [
        { word: 'zed', ipa: 'z☃d' },
        { word: 'x', ipa: 'a', respelling: 'b' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_ERROR');
    expect((await call<LexiconView>('GET', '/tts/lexicon', speaker)).body.data!.entries).toEqual(entries);
    expect((await call<LexiconView>('GET', '/tts/lexicon', listener)).body.data).toEqual({ entries: [], updated_at: null });
    expect((await fetch(`${origin}/api/v1/tts/lexicon`)).status).toBe(401);
  });

  it("changes how its owner's words sound, and only for its owner", async () => {
    const text = 'Hi there.';
    await call('PUT', '/tts/lexicon', speaker, { entries: [] });
    const before = await duration(text, speaker);
    await call('PUT', '/tts/lexicon', speaker, { entries: [{ word: 'hi', ipa: LONG_IPA }] });
    const after = await duration(text, speaker);
    const otherUser = await duration(text, listener);
    // "Hi" is now said as "testing one two three": much longer; the other user still hears "Hi".
    expect(after - before).toBeGreaterThan(0.8);
    expect(Math.abs(otherUser - before)).toBeLessThan(0.3);
    // An SSML phoneme says the same as the lexicon entry, and the lexicon also applies inside SSML text.
    const viaPhoneme = await duration(`<speak><phoneme alphabet="ipa" ph="${LONG_IPA}">Hi</phoneme> there.</speak>`, listener);
    expect(Math.abs(viaPhoneme - after)).toBeLessThan(0.3);
    const ssmlWithLexicon = await duration('<speak>Hi there.</speak>', speaker);
    expect(Math.abs(ssmlWithLexicon - after)).toBeLessThan(0.3);
  }, 90000);
});
