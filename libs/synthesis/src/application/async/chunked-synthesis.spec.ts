import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SynthesisJobResultView } from '#contracts';
import { JobCancelledError, JobInterruptedError, type JobContext } from '#jobs';
import { LocalFileBlobStore } from '#storage';
import type { SentencePlan, SentenceSpeech, Speech } from '../../engine/speech-engine.js';
import { BlobChunkStore } from './blob-chunk-store.js';
import { runChunkedSynthesis, type ChunkedSynthesisPorts, type SynthesisJobInput } from './chunked-synthesis.js';
import { CHARACTERS_PER_SECOND, CHUNK_TARGET_SECONDS, planChunks, type SynthesisJobState } from './synthesis-chunks.js';

const RATE = 1000;
const PAUSE = 0.25;

function sentence(index: number, length: number): SentencePlan {
  return { index, text: 'x'.repeat(length - 1) + '.', pauseAfter: PAUSE };
}

/** 23 sentences of 40–130 characters: several chunks of about 20 s of speech each. */
const SENTENCES: SentencePlan[] = Array.from({ length: 23 }, (_, index) => sentence(index, 40 + ((index * 37) % 91)));

const INPUT: SynthesisJobInput = {
  synthesis_id: 'syn_1',
  file_id: 'file_1',
  text: 'unused: the ports plan',
  voice_id: 'voice',
  speed: 1,
  pitch: 1,
  volume: 1,
  format: 'wav',
  sample_rate: null,
  speaker: null,
  lexicon: null,
};

/** A sentence's audio: its length follows the text, every sample says which sentence it belongs to. */
function fakeSpeech(plan: SentencePlan): SentenceSpeech {
  const samples = new Float32Array(plan.text.length * 5).fill((plan.index + 1) / 64);
  return { index: plan.index, samples, sampleRate: RATE, pauseAfter: plan.pauseAfter };
}

class RecordingContext implements JobContext<SynthesisJobInput, SynthesisJobState> {
  readonly jobId = 'job_test1';
  readonly userId = 'usr_1';
  readonly type = 'speech_synthesis';
  readonly input = INPUT;
  readonly checkpoints: SynthesisJobState[] = [];
  readonly progress: Array<{ progress: number; message?: string }> = [];
  private readonly abort = new AbortController();

  constructor(
    readonly attempt: number,
    private readonly resumed: SynthesisJobState | undefined,
    /** Throws this at the given checkpoint (1-based), as the runner does when the job was cancelled or taken away. */
    private readonly stopAt?: { checkpoint: number; error: Error },
  ) {}

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  resumeFrom(): SynthesisJobState | undefined {
    return this.resumed === undefined ? undefined : structuredClone(this.resumed);
  }

  reportProgress(progress: number, message?: string): void {
    this.progress.push({ progress, ...(message === undefined ? {} : { message }) });
  }

  async checkpoint(state: SynthesisJobState, progress?: number, message?: string): Promise<void> {
    this.checkpoints.push(JSON.parse(JSON.stringify(state)) as SynthesisJobState);
    if (progress !== undefined) this.reportProgress(progress, message);
    if (this.stopAt && this.checkpoints.length === this.stopAt.checkpoint) {
      this.abort.abort(this.stopAt.error);
      throw this.stopAt.error;
    }
  }

  async throwIfCancelled(): Promise<void> {}

  get lastCheckpoint(): SynthesisJobState | undefined {
    return this.checkpoints.at(-1);
  }
}

describe('chunked synthesis (chunk planning, resume from checkpoints)', () => {
  let directory: string;
  let blobs: LocalFileBlobStore;
  let renders: number[];
  let stored: Speech[];
  let inferred: number[];
  let failAtSentence: number | undefined;

  function ports(): ChunkedSynthesisPorts {
    return {
      plan: () => SENTENCES,
      voiceSampleRate: () => RATE,
      render: async (plan) => {
        if (plan.index === failAtSentence) throw new Error('inference failed');
        renders.push(plan.index);
        return { speech: fakeSpeech(plan), seconds: 0.01 };
      },
      chunks: new BlobChunkStore(blobs),
      storeOutput: async (_input, _user, speech, inferenceSeconds) => {
        stored.push(speech);
        inferred.push(inferenceSeconds);
        return { duration: speech.samples.length / speech.sampleRate, sample_rate: speech.sampleRate };
      },
      resultOf: (input, output): SynthesisJobResultView => ({
        synthesis_id: input.synthesis_id,
        file_id: input.file_id,
        audio_url: `/files/${input.file_id}`,
        duration: output.duration,
        format: input.format,
        sample_rate: output.sample_rate,
      }),
      log: () => undefined,
    };
  }

  async function tmpBlobs(): Promise<string[]> {
    return (await readdir(join(directory, 'tmp')).catch(() => [])).sort();
  }

  /** The whole text joined in one go, as a run that never stops makes it. */
  function expectedSamples(): Float32Array {
    const parts = SENTENCES.map(fakeSpeech);
    const total = parts.reduce((sum, part, i) => sum + part.samples.length + (i < parts.length - 1 ? PAUSE * RATE : 0), 0);
    const out = new Float32Array(total);
    let offset = 0;
    parts.forEach((part) => {
      out.set(part.samples, offset);
      offset += part.samples.length + PAUSE * RATE;
    });
    return out;
  }

  function expectSameAudio(actual: Float32Array, expected: Float32Array): void {
    expect(actual.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
    // Chunks are stored as 16-bit PCM.
    expect(worst).toBeLessThan(1 / 16000);
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'voxify-chunks-'));
    blobs = new LocalFileBlobStore(directory);
    renders = [];
    stored = [];
    inferred = [];
    failAtSentence = undefined;
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('plans chunks of consecutive sentences of about 20 s each, covering every sentence once', () => {
    const chunks = planChunks(SENTENCES, 1);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((chunk) => chunk.first)).toEqual(
      chunks.map((_, i) => chunks.slice(0, i).reduce((sum, chunk) => sum + chunk.count, 0)),
    );
    expect(chunks.reduce((sum, chunk) => sum + chunk.count, 0)).toBe(SENTENCES.length);
    for (const chunk of chunks) {
      const characters = SENTENCES.slice(chunk.first, chunk.first + chunk.count).reduce((sum, plan) => sum + plan.text.length, 0);
      if (chunk.count > 1) expect(characters / CHARACTERS_PER_SECOND).toBeLessThanOrEqual(CHUNK_TARGET_SECONDS);
    }
    expect(planChunks([sentence(0, 900), sentence(1, 20)], 1)).toEqual([
      { first: 0, count: 1 },
      { first: 1, count: 1 },
    ]);
    expect(
      planChunks(
        Array.from({ length: 30 }, (_, i) => sentence(i, 5)),
        1,
      ).map((chunk) => chunk.count),
    ).toEqual([12, 12, 6]);
    // Faster speech fits more text in a chunk.
    expect(planChunks(SENTENCES, 2).length).toBeLessThan(planChunks(SENTENCES, 1).length);
  });

  it('renders every sentence once, checkpoints each chunk with its progress, joins them with the pauses and deletes the chunks', async () => {
    const context = new RecordingContext(1, undefined);
    const result = await runChunkedSynthesis(context, ports());

    const chunkCount = planChunks(SENTENCES, 1).length;
    expect(renders).toEqual(SENTENCES.map((plan) => plan.index));
    expect(context.checkpoints.map((state) => state.rendered.length)).toEqual([
      ...Array.from({ length: chunkCount }, (_, i) => i + 1),
      chunkCount,
    ]);
    expect(context.progress.map((report) => report.message)).toContain(`Chunk 3/${chunkCount}`);
    const values = context.progress.map((report) => report.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(stored).toHaveLength(1);
    expectSameAudio(stored[0]!.samples, expectedSamples());
    expect(inferred[0]).toBeCloseTo(0.01 * SENTENCES.length, 6);
    expect(result).toMatchObject({ file_id: 'file_1', duration: expectedSamples().length / RATE });
    expect(context.lastCheckpoint?.output).toEqual({ duration: expectedSamples().length / RATE, sample_rate: RATE });
    expect(await tmpBlobs()).toEqual([]);
  });

  it('a run that takes over after a lost worker renders only the chunks not yet checkpointed, and the audio is the same', async () => {
    const first = new RecordingContext(1, undefined, { checkpoint: 3, error: new JobInterruptedError('job_test1', 'lost') });
    await expect(runChunkedSynthesis(first, ports())).rejects.toBeInstanceOf(JobInterruptedError);
    const afterFirst = first.lastCheckpoint!;
    expect(afterFirst.rendered.map((chunk) => chunk.index)).toEqual([0, 1, 2]);
    // The interrupted run leaves its chunks for the next one.
    expect(await tmpBlobs()).toEqual(['job_test1-chunk-0', 'job_test1-chunk-1', 'job_test1-chunk-2']);
    const renderedFirst = [...renders];

    renders = [];
    const second = new RecordingContext(2, afterFirst);
    await runChunkedSynthesis(second, ports());

    expect([...renderedFirst, ...renders]).toEqual(SENTENCES.map((plan) => plan.index));
    expect(renderedFirst.length + renders.length).toBe(SENTENCES.length);
    expect(second.progress[0]?.message).toMatch(/^Resuming after chunk 3\//);
    expect(second.lastCheckpoint!.rendered.map((chunk) => chunk.attempt)).toEqual(
      second.lastCheckpoint!.rendered.map((chunk) => (chunk.index < 3 ? 1 : 2)),
    );
    expect(stored).toHaveLength(1);
    expectSameAudio(stored[0]!.samples, expectedSamples());
    expect(inferred[0]).toBeCloseTo(0.01 * SENTENCES.length, 6);
    expect(await tmpBlobs()).toEqual([]);
  });

  it('a run resumed after the output was stored only cleans up and answers the stored result', async () => {
    const done = new RecordingContext(1, undefined);
    await runChunkedSynthesis(done, ports());
    const finalState = done.lastCheckpoint!;
    renders = [];
    stored = [];

    const again = await runChunkedSynthesis(new RecordingContext(2, finalState), ports());
    expect(renders).toEqual([]);
    expect(stored).toEqual([]);
    expect(again.duration).toBe(finalState.output!.duration);
  });

  it('a run taken over while storing the output stores it again under the same file id (the registration answers the file already there)', async () => {
    const chunkCount = planChunks(SENTENCES, 1).length;
    const storedIds: string[] = [];
    const recording = ports();
    const withIds: ChunkedSynthesisPorts = {
      ...recording,
      storeOutput: async (input, user, speech, seconds) => {
        storedIds.push(input.file_id);
        return recording.storeOutput(input, user, speech, seconds);
      },
    };
    const first = new RecordingContext(1, undefined, { checkpoint: chunkCount + 1, error: new JobInterruptedError('job_test1', 'lost') });
    await expect(runChunkedSynthesis(first, withIds)).rejects.toBeInstanceOf(JobInterruptedError);
    // A lost worker's checkpoint is refused: the next run resumes from the one before.
    const beforeOutput = first.checkpoints.at(-2)!;
    expect(beforeOutput.output).toBeUndefined();
    renders = [];
    await runChunkedSynthesis(new RecordingContext(2, beforeOutput), withIds);
    expect(renders).toEqual([]);
    expect(storedIds).toEqual(['file_1', 'file_1']);
    expectSameAudio(stored[1]!.samples, stored[0]!.samples);
    expect(await tmpBlobs()).toEqual([]);
  });

  it('a cancel that arrives once the output is stored is too late: the job completes', async () => {
    const chunkCount = planChunks(SENTENCES, 1).length;
    const context = new RecordingContext(1, undefined, { checkpoint: chunkCount + 1, error: new JobCancelledError('job_test1') });
    await expect(runChunkedSynthesis(context, ports())).resolves.toMatchObject({ file_id: 'file_1' });
    expect(await tmpBlobs()).toEqual([]);
  });

  it('a chunk swept from the blob store while the job waited is rendered again at the join', async () => {
    const first = new RecordingContext(1, undefined, { checkpoint: 2, error: new JobInterruptedError('job_test1', 'shutting-down') });
    await expect(runChunkedSynthesis(first, ports())).rejects.toBeInstanceOf(JobInterruptedError);
    await blobs.delete('tmp/job_test1-chunk-0');
    renders = [];
    await runChunkedSynthesis(new RecordingContext(2, first.lastCheckpoint), ports());
    const firstChunk = planChunks(SENTENCES, 1)[0]!;
    expect(renders.filter((index) => index < firstChunk.count)).toEqual(SENTENCES.slice(0, firstChunk.count).map((plan) => plan.index));
    expectSameAudio(stored[0]!.samples, expectedSamples());
  });

  it('a cancelled run stops at its checkpoint and deletes its chunks', async () => {
    const context = new RecordingContext(1, undefined, { checkpoint: 2, error: new JobCancelledError('job_test1') });
    await expect(runChunkedSynthesis(context, ports())).rejects.toBeInstanceOf(JobCancelledError);
    expect(stored).toEqual([]);
    expect(renders.length).toBeLessThan(SENTENCES.length);
    expect(await tmpBlobs()).toEqual([]);
  });

  it('an inference error fails the run and deletes the chunks already stored', async () => {
    failAtSentence = 15;
    const context = new RecordingContext(1, undefined);
    await expect(runChunkedSynthesis(context, ports())).rejects.toThrow('inference failed');
    expect(context.checkpoints.length).toBeGreaterThan(0);
    expect(stored).toEqual([]);
    expect(await tmpBlobs()).toEqual([]);
  });
});
