import type { BitWriter } from './bit-writer.js';
import { planRice, writeRice, type RicePlan } from './rice.js';

const BITS_PER_SAMPLE = 16;
const MAX_FIXED_ORDER = 4;

/** Residual of the fixed polynomial predictor of `order` (0–4): the order-th difference of the signal. */
function fixedResidual(block: Int32Array, order: number): Int32Array {
  const residual = new Int32Array(block.length - order);
  for (let i = order; i < block.length; i++) {
    const s = block;
    let predicted = 0;
    switch (order) {
      case 1:
        predicted = s[i - 1]!;
        break;
      case 2:
        predicted = 2 * s[i - 1]! - s[i - 2]!;
        break;
      case 3:
        predicted = 3 * s[i - 1]! - 3 * s[i - 2]! + s[i - 3]!;
        break;
      case 4:
        predicted = 4 * s[i - 1]! - 6 * s[i - 2]! + 4 * s[i - 3]! - s[i - 4]!;
        break;
    }
    residual[i - order] = s[i]! - predicted;
  }
  return residual;
}

function sumOfMagnitudes(values: Int32Array): number {
  let sum = 0;
  for (const value of values) sum += Math.abs(value);
  return sum;
}

interface FixedChoice {
  readonly order: number;
  readonly residual: Int32Array;
  readonly plan: RicePlan;
  readonly bits: number;
}

/** Picks the fixed order by the smallest residual magnitude (a close proxy for its Rice cost), then plans its coding. */
function chooseFixed(block: Int32Array): FixedChoice {
  let bestOrder = 0;
  let bestResidual = fixedResidual(block, 0);
  let bestSum = sumOfMagnitudes(bestResidual);
  for (let order = 1; order <= Math.min(MAX_FIXED_ORDER, block.length - 1); order++) {
    const residual = fixedResidual(block, order);
    const sum = sumOfMagnitudes(residual);
    if (sum < bestSum) [bestOrder, bestResidual, bestSum] = [order, residual, sum];
  }
  const plan = planRice(bestResidual, block.length, bestOrder);
  return { order: bestOrder, residual: bestResidual, plan, bits: 8 + bestOrder * BITS_PER_SAMPLE + plan.bits };
}

/** Writes the smallest of CONSTANT, FIXED and VERBATIM for one channel's block. */
export function writeSubframe(writer: BitWriter, block: Int32Array): void {
  if (block.every((sample) => sample === block[0])) {
    writer.writeBits(0b0_000000_0, 8);
    writer.writeSigned(block[0]!, BITS_PER_SAMPLE);
    return;
  }
  const fixed = chooseFixed(block);
  if (fixed.bits >= 8 + block.length * BITS_PER_SAMPLE) {
    writer.writeBits(0b0_000001_0, 8);
    for (const sample of block) writer.writeSigned(sample, BITS_PER_SAMPLE);
    return;
  }
  writer.writeBits((0b001000 | fixed.order) << 1, 8);
  for (let i = 0; i < fixed.order; i++) writer.writeSigned(block[i]!, BITS_PER_SAMPLE);
  writeRice(writer, fixed.residual, block.length, fixed.order, fixed.plan);
}
