import { formatVoiceId, InvalidVoiceIdError, parseVoiceId } from './voice-id.js';

describe('voice ids', () => {
  it('parses a voice and a voice with a speaker', () => {
    expect(parseVoiceId('en_US-voxify-low')).toEqual({ voice: 'en_US-voxify-low' });
    expect(parseVoiceId('en_US-voxify-low:slt')).toEqual({ voice: 'en_US-voxify-low', speaker: 'slt' });
  });

  it('parses a mix with equal shares', () => {
    expect(parseVoiceId('v:slt+rms')).toEqual({
      voice: 'v',
      mix: [
        { speaker: 'slt', weight: 0.5 },
        { speaker: 'rms', weight: 0.5 },
      ],
    });
  });

  it('normalises the weights of a weighted mix', () => {
    const ref = parseVoiceId('v:slt(2)+rms(1)+awb(1)');
    expect(ref.mix?.map((share) => share.speaker)).toEqual(['slt', 'rms', 'awb']);
    expect(ref.mix?.map((share) => share.weight)).toEqual([0.5, 0.25, 0.25]);
    expect(parseVoiceId('v:slt(0.3)+rms').mix?.map((share) => share.weight)).toEqual([0.3 / 1.3, 1 / 1.3]);
  });

  it('takes a one-speaker mix for that speaker', () => {
    expect(parseVoiceId('v:kal(3)')).toEqual({ voice: 'v', speaker: 'kal' });
  });

  it.each(['v:slt+', 'v:+rms', 'v:slt(0)+rms', 'v:slt(-1)+rms', 'v:slt(x)+rms', 'v:slt+slt', 'v:slt(1', 'v:s lt+rms'])(
    'refuses %s',
    (id) => {
      expect(() => parseVoiceId(id)).toThrow(InvalidVoiceIdError);
    },
  );

  it('formats voices, speakers and mixes so that they parse back', () => {
    expect(formatVoiceId('v')).toBe('v');
    expect(formatVoiceId('v', 'slt')).toBe('v:slt');
    const id = formatVoiceId('v', [
      { speaker: 'slt', weight: 2 },
      { speaker: 'rms', weight: 1 },
    ]);
    expect(id).toBe('v:slt(2)+rms(1)');
    expect(parseVoiceId(id).mix?.map((share) => share.weight)).toEqual([2 / 3, 1 / 3]);
  });
});
