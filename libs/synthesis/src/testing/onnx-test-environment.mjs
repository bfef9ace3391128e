// Jest runs each test file in its own realm, but onnxruntime-node's native addon creates its output
// arrays in Node's main realm, and onnxruntime-common checks them with `instanceof Float32Array`.
// Test files that run a model opt into this environment (`@jest-environment`), which hands the
// sandbox the main realm's typed arrays so both sides agree.
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = [
  'ArrayBuffer',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

export default OnnxTestEnvironment;
