// Per-call time and throughput of the native and WASM espeak-ng phonemizers (after npm run build):
//   node native/espeak-ng/bench.mjs
import { NativeEspeakBackend } from '../../dist/libs/synthesis/src/engine/native-espeak-backend.js';
import { WasmEspeakBackend } from '../../dist/libs/synthesis/src/engine/wasm-espeak-backend.js';

const short = 'The quick brown fox jumps over the lazy dog.'; // 44 characters
const long =
  'Voxify turns text into speech with neural voices, and the phonemizer is the step before inference: ' +
  'each sentence is split into clauses, every clause becomes a string of IPA symbols, and those symbols ' +
  'become the ids the model reads. Faster phonemes mean a shorter wait for the first audio.';
const voice = 'en-us';

async function perCall(backend, text, runs) {
  for (let i = 0; i < 5; i++) await backend.phonemize(text, voice);
  const start = performance.now();
  for (let i = 0; i < runs; i++) await backend.phonemize(text, voice);
  return (performance.now() - start) / runs;
}

async function throughput(backend, text, total, width) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next++ < total) await backend.phonemize(text, voice);
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

const backends = [NativeEspeakBackend.load(), new WasmEspeakBackend()];
process.stdout.write(`short: ${short.length} chars, long: ${long.length} chars\n`);
for (const backend of backends) {
  const runs = backend.name === 'native' ? 2000 : 100;
  const s = await perCall(backend, short, runs);
  const l = await perCall(backend, long, runs);
  const t = await throughput(backend, long, runs, 8);
  process.stdout.write(
    `${backend.name}: ${s.toFixed(3)} ms/call (short), ${l.toFixed(3)} ms/call (long), ${t.toFixed(0)} long calls/s with 8 in flight\n`,
  );
}
