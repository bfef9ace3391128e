import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { editOnnxModel } from './onnx-model-edit.js';

const MODEL = resolve(process.cwd(), 'models', 'en_US-voxify-low.onnx');

describe('editOnnxModel', () => {
  const original = readFileSync(MODEL);

  it('without edits gives the same bytes back', () => {
    const edited = editOnnxModel(original, {});
    expect(edited.removedInitializers).toEqual([]);
    expect(edited.durationsOutput).toBeUndefined();
    expect(Buffer.from(edited.bytes).equals(original)).toBe(true);
  });

  it('drops the named initializers, adds the durations output and leaves its input alone', () => {
    const copy = Buffer.from(original);
    const edited = editOnnxModel(copy, {
      removeInitializers: ['speaker_embedding', 'speaker_embedding_weight', 'absent'],
      exposeDurations: true,
    });
    expect(edited.removedInitializers.sort()).toEqual(['speaker_embedding', 'speaker_embedding_weight']);
    expect(edited.durationsOutput).toBe('/Clip_output_0');
    expect(copy.equals(original)).toBe(true);
    // The [1, 3520] float zeros and the [1] weight are gone; a ValueInfo with the output's name is added.
    expect(original.length - edited.bytes.length).toBeGreaterThan(3520 * 4);
    expect(Buffer.from(edited.bytes).includes(Buffer.from('/Clip_output_0'))).toBe(true);
  });

  it('refuses bytes that are not a protobuf message', () => {
    expect(() => editOnnxModel(Uint8Array.from([0x0a, 0xff]), {})).toThrow(/Truncated/);
  });
});
