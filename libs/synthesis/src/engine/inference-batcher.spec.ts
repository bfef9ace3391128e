import { InferenceBatcher, type InferenceGroup, type InferenceRow } from './inference-batcher.js';

/** A run that answers each row with its ids as samples and records the batches it was given. */
function recordingRun() {
  const batches: { rows: number[][]; group: InferenceGroup }[] = [];
  const run = (rows: readonly InferenceRow[], group: InferenceGroup) => {
    batches.push({ rows: rows.map((row) => [...row.ids]), group });
    return Promise.resolve(rows.map((row) => ({ samples: Float32Array.from(row.ids, (id) => id * 10 + row.sid) })));
  };
  return { batches, run };
}

const row = (id: number, sid = 0): InferenceRow => ({ ids: [id], sid });

describe('InferenceBatcher', () => {
  it('runs rows submitted together as one batch and hands each row its own result', async () => {
    const { batches, run } = recordingRun();
    const batcher = new InferenceBatcher(run, { maxBatch: 8, batchWaitMs: 5 });
    const results = await Promise.all([1, 2, 3].map((id) => batcher.submit(row(id, id), { lengthScale: 1 })));
    expect(batches.map((batch) => batch.rows)).toEqual([[[1], [2], [3]]]);
    expect(results.map((result) => Array.from(result.samples))).toEqual([[11], [22], [33]]);
  });

  it('starts a batch as soon as it is full', async () => {
    const { batches, run } = recordingRun();
    const batcher = new InferenceBatcher(run, { maxBatch: 2, batchWaitMs: 10_000 });
    await Promise.all([1, 2, 3, 4].map((id) => batcher.submit(row(id), { lengthScale: 1 })));
    expect(batches.map((batch) => batch.rows)).toEqual([
      [[1], [2]],
      [[3], [4]],
    ]);
  });

  it('keeps rows with different length scales or speaker vectors apart, and equal vectors together', async () => {
    const { batches, run } = recordingRun();
    const batcher = new InferenceBatcher(run, { maxBatch: 8, batchWaitMs: 0 });
    const a = Float32Array.from([1, 2]);
    await Promise.all([
      batcher.submit(row(1), { lengthScale: 1 }),
      batcher.submit(row(2), { lengthScale: 0.5 }),
      batcher.submit(row(3), { lengthScale: 1, embedding: a }),
      batcher.submit(row(4), { lengthScale: 1, embedding: Float32Array.from([1, 2]) }),
      batcher.submit(row(5), { lengthScale: 1, embedding: Float32Array.from([1, 3]) }),
      batcher.submit(row(6), { lengthScale: 1 }),
    ]);
    expect(batches.map((batch) => batch.rows.flat())).toEqual([[1, 6], [2], [3, 4], [5]]);
  });

  it('runs one batch at a time; rows that arrive meanwhile share the next run', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const run = (rows: readonly InferenceRow[]) => {
      batches.push(rows.map((row) => row.ids[0]!));
      return new Promise<{ samples: Float32Array }[]>((resolve) =>
        releases.push(() => resolve(rows.map((row) => ({ samples: Float32Array.from(row.ids) })))),
      );
    };
    const batcher = new InferenceBatcher(run, { maxBatch: 8, batchWaitMs: 1 });
    const first = batcher.submit(row(1), { lengthScale: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([[1]]);
    // Arriving one by one, each well past the wait, while the first run is still going.
    const later = [];
    for (const id of [2, 3, 4]) {
      later.push(batcher.submit(row(id), { lengthScale: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(batches).toEqual([[1]]);
    releases[0]!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    expect((await Promise.all(later)).map((result) => result.samples[0])).toEqual([2, 3, 4]);
  });

  it('runs each row alone with maxBatch 1', async () => {
    const { batches, run } = recordingRun();
    const batcher = new InferenceBatcher(run, { maxBatch: 1, batchWaitMs: 50 });
    await Promise.all([1, 2].map((id) => batcher.submit(row(id), { lengthScale: 1 })));
    expect(batches.map((batch) => batch.rows)).toEqual([[[1]], [[2]]]);
  });

  it('rejects every row of a failed run', async () => {
    const batcher = new InferenceBatcher(() => Promise.reject(new Error('boom')), { batchWaitMs: 0 });
    const results = await Promise.allSettled([1, 2].map((id) => batcher.submit(row(id), { lengthScale: 1 })));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
