import { encodeFlac, encodeMp3, encodeOggOpus, encodeWav, pcmAudio, type PcmAudio } from '#audio';

/** A file an upload must refuse, and what it is. */
export interface HostileSampleFile {
  label: string;
  bytes: Uint8Array;
  filename: string;
}

/** A deterministic pseudo-random byte source (the same files on every run). */
function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0 || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

/** Two and a half seconds of a voiced, syllable-like signal: what the valid originals are made of. */
export function voiceLikeSignal(sampleRate = 16000, seconds = 2.5): PcmAudio {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  let phase = 0;
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    const f0 = 140 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / sampleRate;
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 2.2 * t)) ** 0.5;
    let value = 0;
    for (let harmonic = 1; harmonic <= 12; harmonic++) value += Math.sin(harmonic * phase) / harmonic;
    samples[i] = 0.25 * envelope * value;
  }
  return pcmAudio(sampleRate, samples);
}

/** The valid originals the hostile files are cut and mutated from. */
export function validSampleFiles(): Record<'wav' | 'flac' | 'mp3' | 'ogg', Uint8Array> {
  const audio = voiceLikeSignal();
  return {
    wav: encodeWav(audio),
    flac: encodeFlac(audio),
    mp3: encodeMp3(audio, { bitrate: 32 }),
    ogg: encodeOggOpus(audio, { bitrate: 24000 }),
  };
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

function mutated(bytes: Uint8Array, edit: (view: DataView, copy: Uint8Array) => void): Uint8Array {
  const copy = Uint8Array.from(bytes);
  edit(new DataView(copy.buffer), copy);
  return copy;
}

/** Offset of the last Ogg page (its capture pattern), for granule edits. */
function lastOggPage(bytes: Uint8Array): number {
  for (let i = bytes.length - 27; i >= 0; i--) {
    if (bytes[i] === 0x4f && bytes[i + 1] === 0x67 && bytes[i + 2] === 0x67 && bytes[i + 3] === 0x53) return i;
  }
  throw new Error('No Ogg page');
}

/**
 * More than 200 files an upload must refuse with INVALID_AUDIO (or another 4xx): empty and random
 * files, fake magic, truncations of every format at many offsets, mutated header fields, an MP3
 * inside a WAV, decompression bombs (long silence whose headers lie or whose length passes
 * `maxSeconds`), too short and too long audio.
 */
export function hostileSampleFiles(maxSeconds: number): HostileSampleFile[] {
  const files: HostileSampleFile[] = [];
  const add = (label: string, bytes: Uint8Array, filename = 'sample.wav'): void => {
    files.push({ label, bytes, filename });
  };
  const valid = validSampleFiles();

  add('empty', new Uint8Array(0));
  for (const size of [1, 4, 16, 100, 1000, 10_000, 100_000]) {
    for (const seed of [1, 2]) add(`random ${size} bytes #${seed}`, randomBytes(size, seed * 7919 + size));
  }
  const magic: Record<string, Uint8Array> = {
    riff: new TextEncoder().encode('RIFF\u0000\u0010\u0000\u0000WAVE'),
    flac: new TextEncoder().encode('fLaC'),
    ogg: new TextEncoder().encode('OggS'),
    id3: Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 10]),
    mpeg: Uint8Array.from([0xff, 0xfb, 0x90, 0x64]),
  };
  for (const [name, prefix] of Object.entries(magic)) {
    for (const size of [8, 300, 5000]) add(`${name} magic + ${size} random bytes`, concat(prefix, randomBytes(size, size + name.length)));
  }

  for (const [format, bytes] of Object.entries(valid)) {
    const offsets = new Set<number>([1, 2, 3, 4, 8, 11, 12, 20, 27, 36, 43]);
    for (let k = 1; k <= 24; k++) offsets.add(Math.floor((bytes.length * k) / 25) + 3);
    offsets.add(bytes.length - 1);
    for (const offset of offsets) {
      if (offset > 0 && offset < bytes.length)
        add(
          `${format} truncated at ${offset}/${bytes.length}`,
          bytes.subarray(0, offset),
          format === 'mp3' ? 'take.wav' : `take.${format}`,
        );
    }
  }

  const wav = valid.wav;
  const wavEdits: Array<[string, (view: DataView) => void]> = [
    ['zero channels', (v) => v.setUint16(22, 0, true)],
    ['nine channels', (v) => v.setUint16(22, 9, true)],
    ['sample rate 0', (v) => v.setUint32(24, 0, true)],
    ['sample rate 1 Hz', (v) => v.setUint32(24, 1, true)],
    ['sample rate 4 GHz', (v) => v.setUint32(24, 4_000_000_000, true)],
    ['0-bit samples', (v) => v.setUint16(34, 0, true)],
    ['7-bit samples', (v) => v.setUint16(34, 7, true)],
    ['12-bit samples', (v) => v.setUint16(34, 12, true)],
    ['wrong block align', (v) => v.setUint16(32, 3, true)],
    ['wrong byte rate', (v) => v.setUint32(28, 12345, true)],
    ['MPEG layer 3 format tag (an MP3 posing as WAV)', (v) => v.setUint16(20, 0x55, true)],
    ['ADPCM format tag', (v) => v.setUint16(20, 2, true)],
    ['data size past the end', (v) => v.setUint32(40, v.getUint32(40, true) + 1000, true)],
    ['huge data size', (v) => v.setUint32(40, 0xfffffff0, true)],
    ['RIFF size past the end', (v) => v.setUint32(4, v.getUint32(4, true) + 5000, true)],
    ['huge fmt size', (v) => v.setUint32(16, 0xffff0000, true)],
    ['fmt size 4', (v) => v.setUint32(16, 4, true)],
    ['no data chunk', (v) => v.setUint32(36, 0x30746164, false)],
    ['no fmt chunk', (v) => v.setUint32(12, 0x786d7420, false)],
    ['odd data size', (v) => v.setUint32(40, v.getUint32(40, true) - 1, true)],
  ];
  for (const [label, edit] of wavEdits) add(`wav: ${label}`, mutated(wav, edit));
  // A WAV header (MP3 format tag) around MP3 frames: a "WAV" that is really an MP3.
  const mp3InWav = mutated(concat(wav.subarray(0, 44), valid.mp3), (v) => {
    v.setUint16(20, 0x55, true);
    v.setUint32(40, valid.mp3.length, true);
    v.setUint32(4, 36 + valid.mp3.length, true);
  });
  add('wav: MP3 frames in a RIFF/WAVE container', mp3InWav);

  // FLAC STREAMINFO starts at byte 8: min/max block (2+2), min/max frame (3+3), then rate(20) channels(3) bps(5) total(36).
  const flac = valid.flac;
  const flacEdits: Array<[string, (view: DataView, bytes: Uint8Array) => void]> = [
    ['sample rate 0', (_v, b) => ((b[18] = 0), (b[19] = 0), (b[20] = b[20]! & 0x0f))],
    ['total samples doubled', (v) => v.setUint32(22, v.getUint32(22) * 2)],
    ['total samples 1', (v) => v.setUint32(22, 1)],
    ['total samples unknown (0)', (v, b) => (v.setUint32(22, 0), (b[21] = b[21]! & 0xf0))],
    ['STREAMINFO length past the end', (_v, b) => ((b[5] = 0xff), (b[6] = 0xff), (b[7] = 0xff))],
    ['min block size 0 and max 1', (v) => (v.setUint16(8, 0), v.setUint16(10, 1))],
    ['first frame sync destroyed', (_v, b) => b.fill(0, 42, 60)],
  ];
  for (const [label, edit] of flacEdits) add(`flac: ${label}`, mutated(flac, edit), 'take.flac');

  const ogg = valid.ogg;
  const oggEdits: Array<[string, (view: DataView, bytes: Uint8Array) => void]> = [
    ['OpusHead channel count 0', (_v, b) => (b[28 + 9] = 0)],
    ['OpusHead magic damaged', (_v, b) => (b[28 + 4] = 0x58)],
    ['page body lengths lie', (_v, b) => (b[27] = 0xff)],
    ['second page capture pattern damaged', (_v, b) => b.fill(0x21, lastOggPage(b) - 200, lastOggPage(b) - 100)],
    [
      'last page granule 1000 times too big',
      (v, b) => v.setBigUint64(lastOggPage(b) + 6, v.getBigUint64(lastOggPage(b) + 6, true) * 1000n, true),
    ],
  ];
  for (const [label, edit] of oggEdits) add(`ogg: ${label}`, mutated(ogg, edit), 'take.ogg');

  const mp3 = valid.mp3;
  const mp3Edits: Array<[string, (view: DataView, bytes: Uint8Array) => void]> = [
    ['first frame bitrate index 15', (_v, b) => (b[2] = b[2]! | 0xf0)],
    ['frames in the middle zeroed', (_v, b) => b.fill(0, Math.floor(b.length / 2), Math.floor(b.length / 2) + 400)],
  ];
  for (const [label, edit] of mp3Edits) add(`mp3: ${label}`, mutated(mp3, edit), 'take.wav');
  add('mp3: random bytes after the last frame', concat(mp3, randomBytes(64, 99)), 'take.wav');

  // Decompression bombs: long silence compresses to almost nothing.
  const bombSeconds = Math.ceil(maxSeconds * 1.5);
  const longSilence = pcmAudio(8000, new Float32Array(bombSeconds * 8000));
  const flacBomb = encodeFlac(longSilence);
  add(`flac bomb: ${bombSeconds} s of silence in ${flacBomb.length} bytes`, flacBomb, 'tiny.flac');
  add(
    `flac bomb: ${bombSeconds} s of silence whose STREAMINFO says 5 s`,
    mutated(flacBomb, (v, b) => (v.setUint32(22, 5 * 8000), (b[21] = b[21]! & 0xf0))),
    'tiny.flac',
  );
  const oggBomb = encodeOggOpus(longSilence, { bitrate: 6000, complexity: 0 });
  add(`ogg bomb: ${bombSeconds} s of silence in ${oggBomb.length} bytes`, oggBomb, 'tiny.ogg');
  add(
    `ogg bomb: ${bombSeconds} s of silence whose last page says 5 s`,
    mutated(oggBomb, (v, b) => v.setBigUint64(lastOggPage(b) + 6, 5n * 48000n, true)),
    'tiny.ogg',
  );
  add(`wav: ${bombSeconds} s of silence (too long)`, encodeWav(pcmAudio(8000, new Float32Array(bombSeconds * 8000))));
  add('wav: half a second (too short)', encodeWav(voiceLikeSignal(16000, 0.5)));
  return files;
}
