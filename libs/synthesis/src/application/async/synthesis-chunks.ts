import type { SentencePlan } from '../../engine/speech-engine.js';

/** Characters per second of speech at speed 1, measured on the bundled voice's four speakers (18–21 with the pauses). */
export const CHARACTERS_PER_SECOND = 19;
/** A chunk holds sentences up to about this much audio (one longer sentence makes a chunk of its own). */
export const CHUNK_TARGET_SECONDS = 20;
export const MAX_SENTENCES_PER_CHUNK = 12;

/** Consecutive sentences rendered, stored and checkpointed together. */
export interface ChunkRange {
  /** Index of the first sentence. */
  first: number;
  count: number;
}

/** A finished chunk: its PCM lies under `blob_key` until the job ends. */
export interface RenderedChunk {
  index: number;
  blob_key: string;
  /** Samples at the state's `sample_rate`, pauses between its sentences included. */
  samples: number;
  /** Seconds of silence after the chunk when another follows. */
  pause_after: number;
  /** The run that rendered it (1 = first run; higher after a takeover). */
  attempt: number;
  /** Seconds of inference it took. */
  inference_seconds: number;
}

/** The output once stored and registered: a run that resumes from here only cleans up and completes. */
export interface StoredOutput {
  duration: number;
  sample_rate: number;
}

/** The checkpoint of a `speech_synthesis` job. */
export interface SynthesisJobState {
  /** Rate of the chunks' PCM (the voice's own). */
  sample_rate: number;
  chunks: ChunkRange[];
  /** In chunk order. */
  rendered: RenderedChunk[];
  output?: StoredOutput;
}

export function estimateSpeechSeconds(sentences: readonly SentencePlan[], speed: number): number {
  const speaking = sentences.reduce((sum, sentence) => sum + sentence.text.length, 0) / CHARACTERS_PER_SECOND / speed;
  const pauses = sentences.slice(0, -1).reduce((sum, sentence) => sum + sentence.pauseAfter, 0);
  return Math.round((speaking + pauses) * 10) / 10;
}

/** Groups consecutive sentences into chunks of about CHUNK_TARGET_SECONDS of speech. */
export function planChunks(
  sentences: readonly SentencePlan[],
  speed: number,
  targetSeconds = CHUNK_TARGET_SECONDS,
  maxSentences = MAX_SENTENCES_PER_CHUNK,
): ChunkRange[] {
  const chunks: ChunkRange[] = [];
  let current: ChunkRange | undefined;
  let seconds = 0;
  sentences.forEach((sentence, position) => {
    const sentenceSeconds = sentence.text.length / CHARACTERS_PER_SECOND / speed;
    if (current && (seconds + sentenceSeconds > targetSeconds || current.count >= maxSentences)) {
      chunks.push(current);
      current = undefined;
    }
    if (!current) {
      current = { first: position, count: 0 };
      seconds = 0;
    }
    current.count++;
    seconds += sentenceSeconds;
  });
  if (current) chunks.push(current);
  return chunks;
}

/** Where a chunk's PCM waits: job-scoped under the blob store's temporary prefix. */
export function chunkBlobKey(jobId: string, index: number): string {
  return `tmp/${jobId}-chunk-${index}`;
}

/** Chunks still to render, in order. */
export function pendingChunks(state: SynthesisJobState): number[] {
  const done = new Set(state.rendered.map((chunk) => chunk.index));
  return state.chunks.map((_, index) => index).filter((index) => !done.has(index));
}

export function withRenderedChunk(state: SynthesisJobState, chunk: RenderedChunk): SynthesisJobState {
  const rendered = [...state.rendered.filter((existing) => existing.index !== chunk.index), chunk].sort((a, b) => a.index - b.index);
  return { ...state, rendered };
}

/** Audio parts in order with the silence after each one (none after the last). */
export function joinWithPauses(parts: ReadonlyArray<{ samples: Float32Array; pauseAfter: number }>, sampleRate: number): Float32Array {
  const pauses = parts.map((part, i) => (i < parts.length - 1 ? Math.round(part.pauseAfter * sampleRate) : 0));
  const out = new Float32Array(parts.reduce((sum, part, i) => sum + part.samples.length + pauses[i]!, 0));
  let offset = 0;
  parts.forEach((part, i) => {
    out.set(part.samples, offset);
    offset += part.samples.length + pauses[i]!;
  });
  return out;
}
