import { negotiateSynthesisRepresentation } from './audio-negotiation.js';

describe('negotiateSynthesisRepresentation', () => {
  it('answers JSON without a header, for JSON, for anything, and when JSON is preferred', () => {
    for (const accept of [undefined, '', 'application/json', '*/*', 'application/json, audio/wav;q=0.5', 'text/html', 'audio/wav;q=0']) {
      expect(negotiateSynthesisRepresentation(accept)).toEqual({ kind: 'json' });
    }
  });

  it('answers audio for audio types, in the format a specific type names', () => {
    expect(negotiateSynthesisRepresentation('audio/*')).toEqual({ kind: 'audio' });
    expect(negotiateSynthesisRepresentation('audio/wav')).toEqual({ kind: 'audio', format: 'wav' });
    expect(negotiateSynthesisRepresentation('Audio/X-WAV')).toEqual({ kind: 'audio', format: 'wav' });
    expect(negotiateSynthesisRepresentation('audio/L16; rate=16000')).toEqual({ kind: 'audio', format: 'pcm' });
    expect(negotiateSynthesisRepresentation('application/json;q=0.2, audio/mpeg')).toEqual({ kind: 'audio', format: 'mp3' });
  });

  it('keeps the first listed of equally preferred types', () => {
    expect(negotiateSynthesisRepresentation('audio/wav, application/json')).toEqual({ kind: 'audio', format: 'wav' });
    expect(negotiateSynthesisRepresentation('*/*, audio/wav')).toEqual({ kind: 'json' });
  });
});
