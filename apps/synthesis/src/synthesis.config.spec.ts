import { loadSynthesisConfig } from './synthesis.config.js';

const base = { FILE_URL_SECRET: 'x'.repeat(40) };

describe('loadSynthesisConfig: SYNTHESIS_PHONEMIZER', () => {
  it('defaults to auto', () => {
    expect(loadSynthesisConfig({ ...base }).phonemizer).toBe('auto');
  });

  it.each(['auto', 'native', 'wasm'] as const)('takes %s', (value) => {
    expect(loadSynthesisConfig({ ...base, SYNTHESIS_PHONEMIZER: value }).phonemizer).toBe(value);
  });

  it('refuses another value, naming the variable', () => {
    expect(() => loadSynthesisConfig({ ...base, SYNTHESIS_PHONEMIZER: 'espeak' })).toThrow(/SYNTHESIS_PHONEMIZER/);
  });
});

describe('loadSynthesisConfig: inference workers', () => {
  it('defaults to two workers with two onnxruntime threads on the first', () => {
    expect(loadSynthesisConfig({ ...base })).toMatchObject({ workers: 2, threads: 2 });
  });

  it('takes SYNTHESIS_WORKERS and refuses zero', () => {
    expect(loadSynthesisConfig({ ...base, SYNTHESIS_WORKERS: '4' }).workers).toBe(4);
    expect(() => loadSynthesisConfig({ ...base, SYNTHESIS_WORKERS: '0' })).toThrow(/SYNTHESIS_WORKERS/);
  });
});
