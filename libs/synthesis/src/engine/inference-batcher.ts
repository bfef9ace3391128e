/** One sentence's phoneme-id row and its speaker id (the model takes one sid per row). */
export interface InferenceRow {
  ids: readonly number[];
  sid: number;
}

/**
 * What every row of one batch must share: the length scale and the speaker vector (the model
 * takes one `speaker_embedding` for the whole batch). No `embedding`: the rows' own sids.
 */
export interface InferenceGroup {
  lengthScale: number;
  /** Fed as `speaker_embedding` with weight 1. */
  embedding?: Float32Array;
}

export interface InferenceResult {
  /** The row's audio, trimmed to its own length. */
  samples: Float32Array;
  /** Frames per phoneme id (same length as the row), when the model exposes them. */
  durations?: Float32Array;
}

export type RunBatch = (rows: readonly InferenceRow[], group: InferenceGroup) => Promise<InferenceResult[]>;

export interface BatchingOptions {
  /** Most rows in one run. */
  maxBatch: number;
  /** How long the first row of a batch waits for others; 0 still gathers the rows of one tick. */
  batchWaitMs: number;
  /** Batches in flight at once (one per inference thread). */
  concurrentRuns: number;
}

export const DEFAULT_BATCHING: BatchingOptions = { maxBatch: 8, batchWaitMs: 2, concurrentRuns: 1 };

interface Pending {
  group: InferenceGroup;
  rows: InferenceRow[];
  settle: { resolve: (result: InferenceResult) => void; reject: (error: unknown) => void }[];
  /** Its wait is over (or it is full): it runs as soon as the session is free. */
  ready: boolean;
  cancel: () => void;
}

function sameGroup(a: InferenceGroup, b: InferenceGroup): boolean {
  if (a.lengthScale !== b.lengthScale) return false;
  if (a.embedding === b.embedding) return true;
  if (!a.embedding || !b.embedding || a.embedding.length !== b.embedding.length) return false;
  for (let i = 0; i < a.embedding.length; i++) if (a.embedding[i] !== b.embedding[i]) return false;
  return true;
}

/**
 * Micro-batching for one voice session: rows submitted within `batchWaitMs` of the first row of a
 * batch, with the same length scale and speaker vector, run as one batch of up to `maxBatch` rows.
 * Up to `concurrentRuns` runs at a time: while they are in flight, the next batches keep taking rows
 * until one ends, so rows that arrive spread out (each render phonemises first) still share runs under load.
 */
export class InferenceBatcher {
  private readonly pending: Pending[] = [];
  private readonly options: BatchingOptions;
  private running = 0;

  constructor(
    private readonly run: RunBatch,
    options: Partial<BatchingOptions> = {},
  ) {
    this.options = { ...DEFAULT_BATCHING, ...options };
    if (!(this.options.maxBatch >= 1) || !(this.options.batchWaitMs >= 0) || !(this.options.concurrentRuns >= 1)) {
      throw new Error('maxBatch and concurrentRuns must be >= 1 and batchWaitMs >= 0');
    }
  }

  submit(row: InferenceRow, group: InferenceGroup): Promise<InferenceResult> {
    return new Promise<InferenceResult>((resolve, reject) => {
      const full = this.options.maxBatch;
      const batch = this.pending.find((candidate) => candidate.rows.length < full && sameGroup(candidate.group, group)) ?? this.open(group);
      batch.rows.push(row);
      batch.settle.push({ resolve, reject });
      if (batch.rows.length >= full) this.markReady(batch);
    });
  }

  private open(group: InferenceGroup): Pending {
    const batch: Pending = { group, rows: [], settle: [], ready: false, cancel: () => undefined };
    if (this.options.maxBatch > 1) {
      if (this.options.batchWaitMs === 0) {
        const handle = setImmediate(() => this.markReady(batch));
        batch.cancel = () => clearImmediate(handle);
      } else {
        const handle = setTimeout(() => this.markReady(batch), this.options.batchWaitMs);
        batch.cancel = () => clearTimeout(handle);
      }
    }
    this.pending.push(batch);
    return batch;
  }

  private markReady(batch: Pending): void {
    batch.cancel();
    batch.ready = true;
    this.pump();
  }

  private pump(): void {
    if (this.running >= this.options.concurrentRuns) return;
    const at = this.pending.findIndex((batch) => batch.ready);
    if (at < 0) return;
    const [batch] = this.pending.splice(at, 1) as [Pending];
    this.running++;
    let run: Promise<InferenceResult[]>;
    try {
      run = this.run(batch.rows, batch.group);
    } catch (error) {
      run = Promise.reject(error);
    }
    run
      .then(
        (results) => batch.settle.forEach((settle, i) => settle.resolve(results[i]!)),
        (error: unknown) => batch.settle.forEach((settle) => settle.reject(error)),
      )
      .finally(() => {
        this.running--;
        this.pump();
      });
  }
}
