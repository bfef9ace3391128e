import { parsePiperVoiceConfig } from './piper-voice-config.js';

const BASE = {
  audio: { sample_rate: 16000 },
  espeak: { voice: 'en-us' },
  phoneme_id_map: { _: [0], '^': [1], $: [2], ' ': [3] },
  num_speakers: 2,
  speaker_id_map: { a: 0, b: 1 },
  hop_length: 256,
};

describe('parsePiperVoiceConfig speaker embeddings', () => {
  it('reads the speaker table as one Float32Array row per speaker', () => {
    const voice = parsePiperVoiceConfig('v', {
      ...BASE,
      voxify: { speaker_embedding_dim: 3, speaker_embeddings: { a: [1, 2, 3], b: [4, 5, 6] } },
    });
    expect(voice.hopLength).toBe(256);
    expect(voice.speakerEmbeddings?.dim).toBe(3);
    expect(Array.from(voice.speakerEmbeddings!.rows.get('b')!)).toEqual([4, 5, 6]);
  });

  it('has no table without a voxify block', () => {
    expect(parsePiperVoiceConfig('v', BASE).speakerEmbeddings).toBeUndefined();
  });

  it('refuses rows of the wrong width or a speaker without a row', () => {
    expect(() =>
      parsePiperVoiceConfig('v', { ...BASE, voxify: { speaker_embedding_dim: 3, speaker_embeddings: { a: [1, 2, 3], b: [4, 5] } } }),
    ).toThrow(/b has 2 values/);
    expect(() => parsePiperVoiceConfig('v', { ...BASE, voxify: { speaker_embedding_dim: 2, speaker_embeddings: { a: [1, 2] } } })).toThrow(
      /no speaker embedding for speaker b/,
    );
  });
});
