import type { BitWriter } from './bit-writer.js';

/** Rice parameters are 4 bits in FLAC's first coding method; 15 is the escape code, so 14 is the largest usable. */
const MAX_RICE_PARAMETER = 14;
const MAX_PARTITION_ORDER = 6;

function fold(residual: number): number {
  return residual >= 0 ? residual * 2 : -residual * 2 - 1;
}

/** Exact bit cost of Rice-coding `folded[from..to)` with parameter k. */
function riceBits(folded: Uint32Array, from: number, to: number, k: number): number {
  let bits = (to - from) * (k + 1);
  for (let i = from; i < to; i++) bits += folded[i]! >>> k;
  return bits;
}

interface Partition {
  readonly parameter: number;
  readonly bits: number;
}

function bestPartition(folded: Uint32Array, from: number, to: number): Partition {
  const count = to - from;
  if (count === 0) return { parameter: 0, bits: 0 };
  let sum = 0;
  for (let i = from; i < to; i++) sum += folded[i]!;
  // The optimum sits next to log2 of the mean, so only its neighbours are costed exactly.
  const guess = Math.max(0, Math.min(MAX_RICE_PARAMETER, Math.floor(Math.log2(sum / count + 1))));
  let best: Partition = { parameter: guess, bits: riceBits(folded, from, to, guess) };
  for (const candidate of [guess - 1, guess + 1]) {
    if (candidate < 0 || candidate > MAX_RICE_PARAMETER) continue;
    const bits = riceBits(folded, from, to, candidate);
    if (bits < best.bits) best = { parameter: candidate, bits };
  }
  return best;
}

export interface RicePlan {
  readonly partitionOrder: number;
  readonly partitions: readonly Partition[];
  /** Bits of the whole residual section, coding-method and partition-order fields included. */
  readonly bits: number;
}

/** Chooses partition order and per-partition parameters for the residuals of a block of `blockSize` with `order` warm-up samples. */
export function planRice(residuals: Int32Array, blockSize: number, order: number): RicePlan {
  const folded = new Uint32Array(residuals.length);
  for (let i = 0; i < residuals.length; i++) folded[i] = fold(residuals[i]!);
  let best: RicePlan | undefined;
  for (let partitionOrder = 0; partitionOrder <= MAX_PARTITION_ORDER; partitionOrder++) {
    const partitionSize = blockSize >> partitionOrder;
    if (blockSize % (1 << partitionOrder) !== 0 || partitionSize <= order) break;
    const partitions: Partition[] = [];
    let bits = 2 + 4;
    for (let p = 0; p < 1 << partitionOrder; p++) {
      const from = p === 0 ? 0 : p * partitionSize - order;
      const to = (p + 1) * partitionSize - order;
      const partition = bestPartition(folded, from, to);
      partitions.push(partition);
      bits += 4 + partition.bits;
    }
    if (!best || bits < best.bits) best = { partitionOrder, partitions, bits };
  }
  if (!best) throw new Error(`Block of ${blockSize} samples is too short for order ${order}`);
  return best;
}

export function writeRice(writer: BitWriter, residuals: Int32Array, blockSize: number, order: number, plan: RicePlan): void {
  writer.writeBits(0, 2); // coding method: 4-bit Rice parameters
  writer.writeBits(plan.partitionOrder, 4);
  const partitionSize = blockSize >> plan.partitionOrder;
  plan.partitions.forEach((partition, p) => {
    const k = partition.parameter;
    writer.writeBits(k, 4);
    const from = p === 0 ? 0 : p * partitionSize - order;
    const to = (p + 1) * partitionSize - order;
    for (let i = from; i < to; i++) {
      const value = fold(residuals[i]!);
      writer.writeUnary(value >>> k);
      writer.writeBits(value, k);
    }
  });
}
