/**
 * @jest-environment ./libs/synthesis/src/testing/onnx-test-environment.mjs
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { editOnnxModel } from './onnx-model-edit.js';
import type { RunnerTensor } from './onnx-runner.js';
import { WorkerOnnxRunner } from './worker-onnx-runner.js';

const MODEL = resolve(process.cwd(), 'models', 'en_US-voxify-low.onnx');

/** About 400 ids: a run long enough (tens of ms) to see what the event loop does meanwhile. */
function feeds(): Record<string, RunnerTensor> {
  const ids = [1, 0];
  for (let i = 0; i < 200; i++) ids.push(20 + ((i * 7) % 60), 0);
  ids.push(2);
  return {
    input: { type: 'int64', data: BigInt64Array.from(ids, BigInt), dims: [1, ids.length] },
    input_lengths: { type: 'int64', data: BigInt64Array.from([BigInt(ids.length)]), dims: [1] },
    scales: { type: 'float32', data: Float32Array.from([0.667, 1, 0.8]), dims: [3] },
    sid: { type: 'int64', data: BigInt64Array.from([0n]), dims: [1] },
    speaker_embedding: { type: 'float32', data: new Float32Array(3520), dims: [1, 3520] },
    speaker_embedding_weight: { type: 'float32', data: Float32Array.from([0]), dims: [1] },
  };
}

describe('WorkerOnnxRunner', () => {
  let runner: WorkerOnnxRunner;
  const loadModel = async () =>
    editOnnxModel(await readFile(MODEL), { removeInitializers: ['speaker_embedding', 'speaker_embedding_weight'], exposeDurations: true })
      .bytes;

  beforeAll(async () => {
    runner = await WorkerOnnxRunner.start(loadModel, { provider: 'cpu', threads: 1, spinning: false });
  }, 60_000);

  afterAll(async () => {
    await runner.close();
  });

  it('opens the model on its thread and reports its inputs and outputs', () => {
    expect(runner.provider).toBe('cpu');
    expect(runner.fallbackReason).toBeUndefined();
    expect(runner.inputNames).toEqual(expect.arrayContaining(['input', 'input_lengths', 'scales', 'sid', 'speaker_embedding']));
    expect(runner.outputNames[0]).toBe('output');
  });

  it('leaves the event loop free while the model runs', async () => {
    const fed = feeds();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const outputs = await runner.run(fed).finally(() => clearInterval(timer));
    const audio = outputs[runner.outputNames[0]!]!;
    expect(audio.data).toBeInstanceOf(Float32Array);
    expect(audio.data.length).toBeGreaterThan(16_000);
    // A run on the calling thread would block every timer until it ends.
    expect(ticks).toBeGreaterThan(3);
  });

  it('fails the runs of a thread that dies, with the reason, and starts a new one for the next run', async () => {
    const worker = (runner as unknown as { worker: Worker }).worker;
    const pending = runner.run(feeds());
    await worker.terminate();
    await expect(pending).rejects.toThrow(/inference failed: the inference thread exited/);
    const outputs = await runner.run(feeds());
    expect(outputs[runner.outputNames[0]!]!.data.length).toBeGreaterThan(16_000);
  });

  it('answers a bad feed with an error and keeps working', async () => {
    const bad = { ...feeds(), scales: { type: 'float32', data: Float32Array.from([1]), dims: [1, 1, 1] } } satisfies Record<
      string,
      RunnerTensor
    >;
    await expect(runner.run(bad)).rejects.toThrow(/inference failed: /);
    expect((await runner.run(feeds()))[runner.outputNames[0]!]!.data.length).toBeGreaterThan(16_000);
  });

  it('refuses runs after close', async () => {
    const closed = await WorkerOnnxRunner.start(loadModel, { provider: 'cpu', threads: 1, spinning: false });
    await closed.close();
    await expect(closed.run(feeds())).rejects.toThrow(/closed/);
  });
});
