/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import * as ort from 'onnxruntime-node';
import { parsePiperVoiceConfig, type VoiceDefinition } from '../voices/piper-voice-config.js';
import type { InferenceResult } from './inference-batcher.js';
import { VoiceSession } from './voice-session.js';

const MODEL = resolve(process.cwd(), 'models', 'en_US-voxify-low.onnx');
// "The quick brown fox." and two shorter rows, as espeak + Piper ids give them.
const LONG = [
  1, 0, 41, 0, 59, 0, 3, 0, 23, 0, 35, 0, 120, 0, 74, 0, 23, 0, 3, 0, 15, 0, 88, 0, 120, 0, 14, 0, 100, 0, 26, 0, 3, 0, 19, 0, 120, 0, 51,
  0, 122, 0, 23, 0, 31, 0, 10, 0, 2,
];
const MEDIUM = [1, 0, 15, 0, 88, 0, 120, 0, 14, 0, 100, 0, 26, 0, 10, 0, 2];
const SHORT = [1, 0, 19, 0, 120, 0, 51, 0, 23, 0, 31, 0, 2];

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('VoiceSession on en_US-voxify-low', () => {
  let voice: VoiceDefinition;
  let session: VoiceSession;
  let plain: ort.InferenceSession;

  /** The unedited file through a plain Piper-style session (no speaker inputs fed). */
  async function plainRun(ids: readonly number[], sid: number): Promise<Float32Array> {
    const outputs = await plain.run({
      input: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
      scales: new ort.Tensor('float32', Float32Array.from([0.667, 1, 0.8]), [3]),
      sid: new ort.Tensor('int64', BigInt64Array.from([BigInt(sid)]), [1]),
    });
    return Float32Array.from(outputs['output']!.data as Float32Array);
  }

  beforeAll(async () => {
    voice = parsePiperVoiceConfig('en_US-voxify-low', JSON.parse(await readFile(`${MODEL}.json`, 'utf8')));
    session = await VoiceSession.open(voice, MODEL, { threads: 2, provider: 'cpu', maxBatch: 8, batchWaitMs: 5 });
    plain = await ort.InferenceSession.create(MODEL, { intraOpNumThreads: 2, logSeverityLevel: 3 });
  }, 60_000);

  afterAll(async () => {
    await session.close();
    await plain.release();
  });

  it('takes the speaker inputs and gives the plain sid voice unchanged (bit for bit)', async () => {
    expect(session.acceptsSpeakerEmbedding).toBe(true);
    for (const sid of [0, 1]) {
      const ours = await session.infer({ ids: LONG, sid }, { lengthScale: 1 });
      expect(maxAbsDiff(ours.samples, await plainRun(LONG, sid))).toBe(0);
    }
  });

  it('speaker row k with weight 1 on another sid is speaker k', async () => {
    const rows = voice.speakerEmbeddings!.rows;
    for (const [k, name] of ['slt', 'rms', 'awb', 'kal'].entries()) {
      const otherSid = (k + 1) % 4;
      const viaEmbedding = await session.infer({ ids: LONG, sid: otherSid }, { lengthScale: 1, embedding: rows.get(name)! });
      expect(maxAbsDiff(viaEmbedding.samples, await plainRun(LONG, k))).toBe(0);
    }
    const notK = await session.infer({ ids: LONG, sid: 1 }, { lengthScale: 1 });
    expect(notK.samples.length === (await plainRun(LONG, 0)).length && maxAbsDiff(notK.samples, await plainRun(LONG, 0)) === 0).toBe(false);
  });

  it('returns per-id durations that add up to the audio length (hop 256)', async () => {
    const result = await session.infer({ ids: MEDIUM, sid: 2 }, { lengthScale: 1 });
    expect(result.durations).toHaveLength(MEDIUM.length);
    const frames = result.durations!.reduce((sum, value) => sum + value, 0);
    expect(result.samples.length).toBe(frames * 256);
  });

  it('a padded batch gives each row its single-run audio, trimmed to its own length', async () => {
    const rows = [
      { ids: SHORT, sid: 0 },
      { ids: LONG, sid: 1 },
      { ids: MEDIUM, sid: 3 },
    ];
    const batched = await session.runBatch(rows, { lengthScale: 1.2 });
    for (const [i, row] of rows.entries()) {
      const single = await session.runBatch([row], { lengthScale: 1.2 });
      expect(batched[i]!.samples.length).toBe(single[0]!.samples.length);
      expect(maxAbsDiff(batched[i]!.samples, single[0]!.samples)).toBeLessThan(1e-4);
      expect(Array.from(batched[i]!.durations!)).toEqual(Array.from(single[0]!.durations!));
    }
    const mix = voice.speakerEmbeddings!.rows.get('awb')!;
    const mixed = await session.runBatch(rows.slice(0, 2), { lengthScale: 1, embedding: mix });
    const alone = await session.runBatch([rows[1]!], { lengthScale: 1, embedding: mix });
    expect(maxAbsDiff(mixed[1]!.samples, alone[0]!.samples)).toBeLessThan(1e-4);
  });

  it('concurrent rows share runs and each gets its own audio', async () => {
    const rows = [SHORT, LONG, MEDIUM, LONG, SHORT].map((ids, i) => ({ ids, sid: i % 4 }));
    const sequential: InferenceResult[] = [];
    for (const row of rows) sequential.push(await session.infer(row, { lengthScale: 1 }));
    const runs = jest.spyOn(session, 'runBatch');
    const concurrent = await Promise.all(rows.map((row) => session.infer(row, { lengthScale: 1 })));
    expect(runs.mock.calls.map(([batch]) => batch.length)).toEqual([5]);
    runs.mockRestore();
    concurrent.forEach((result, i) => expect(maxAbsDiff(result.samples, sequential[i]!.samples)).toBeLessThan(1e-4));
  });

  it('falls back to cpu with the reason logged when the requested provider cannot start', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const cuda = await VoiceSession.open(voice, MODEL, { threads: 1, provider: 'cuda' });
    try {
      // Where the CUDA provider libraries are installed it runs on cuda; here (npm's default build) it cannot.
      if (cuda.provider === 'cpu') {
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/execution provider cuda unavailable, falling back to cpu: .+/));
      } else {
        expect(cuda.provider).toBe('cuda');
      }
      const result = await cuda.infer({ ids: SHORT, sid: 0 }, { lengthScale: 1 });
      expect(result.samples.length).toBeGreaterThan(0);
    } finally {
      warn.mockRestore();
      await cuda.close();
    }
  });

  it('runs batches side by side on two workers, each row with its own audio', async () => {
    const rows = [LONG, SHORT, MEDIUM, LONG, MEDIUM, SHORT].map((ids, i) => ({ ids, sid: i % 4 }));
    const expected: InferenceResult[] = [];
    for (const row of rows) expected.push(await session.infer(row, { lengthScale: 1 }));
    const two = await VoiceSession.open(voice, MODEL, { threads: 1, provider: 'cpu', workers: 2, maxBatch: 1, batchWaitMs: 0 });
    try {
      let inFlight = 0;
      let most = 0;
      const run = two.runBatch.bind(two);
      jest.spyOn(two, 'runBatch').mockImplementation(async (batch, group) => {
        most = Math.max(most, ++inFlight);
        try {
          return await run(batch, group);
        } finally {
          inFlight--;
        }
      });
      const results = await Promise.all(rows.map((row) => two.infer(row, { lengthScale: 1 })));
      expect(most).toBe(2);
      results.forEach((result, i) => expect(maxAbsDiff(result.samples, expected[i]!.samples)).toBeLessThan(1e-4));
    } finally {
      await two.close();
    }
  });

  it('refuses a speaker vector of the wrong size', () => {
    expect(() => session.infer({ ids: SHORT, sid: 0 }, { lengthScale: 1, embedding: new Float32Array(10) })).toThrow(RangeError);
  });
});
