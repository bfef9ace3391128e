import type { AudioFormat } from '#contracts';

/** What a synthesis request's `Accept` asks for: the JSON result, or the audio itself (in a format when it names one). */
export type SynthesisRepresentation = { kind: 'json' } | { kind: 'audio'; format?: AudioFormat };

const FORMAT_OF_AUDIO_TYPE: Record<string, AudioFormat> = {
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/pcm': 'pcm',
  'audio/l16': 'pcm',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
};

interface AcceptedType {
  mediaType: string;
  quality: number;
}

/**
 * The preferred of `audio/…`, `application/json` and `*\/*` by quality (the first listed wins a tie).
 * No header, or JSON or anything preferred, gives JSON; an audio type unknown here gives the audio in
 * the requested (or default) format.
 */
export function negotiateSynthesisRepresentation(accept: string | undefined): SynthesisRepresentation {
  const best = parseAccept(accept ?? '')
    .filter(
      ({ mediaType, quality }) =>
        quality > 0 && (mediaType.startsWith('audio/') || mediaType === 'application/json' || mediaType === '*/*'),
    )
    .reduce<AcceptedType | undefined>(
      (chosen, candidate) => (chosen && chosen.quality >= candidate.quality ? chosen : candidate),
      undefined,
    );
  if (!best || !best.mediaType.startsWith('audio/')) return { kind: 'json' };
  const format = FORMAT_OF_AUDIO_TYPE[best.mediaType];
  return format === undefined ? { kind: 'audio' } : { kind: 'audio', format };
}

function parseAccept(header: string): AcceptedType[] {
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const [mediaType = '', ...parameters] = entry.split(';').map((part) => part.trim());
      const q = parameters.find((parameter) => /^q=/i.test(parameter));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { mediaType: mediaType.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0 };
    });
}
