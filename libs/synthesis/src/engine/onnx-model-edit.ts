/**
 * A minimal, in-memory edit of an ONNX ModelProto (the file on disk is never touched). Only the
 * fields needed here are read; every other byte is copied through unchanged.
 *
 * Field numbers (onnx.proto): ModelProto.graph = 7; GraphProto.node = 1, initializer = 5,
 * output = 12; NodeProto.input = 1, op_type = 4; TensorProto.name = 8; ValueInfoProto.name = 1.
 */
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_OUTPUT = 12;
const NODE_INPUT = 1;
const NODE_OP_TYPE = 4;
const TENSOR_NAME = 8;
const VALUE_INFO_NAME = 1;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

export interface ModelEdit {
  /** Initializers to drop, which turns graph inputs that had them as defaults into required inputs. */
  removeInitializers?: readonly string[];
  /** Also return the length regulator's per-id durations (the first input of the first CumSum node). */
  exposeDurations?: boolean;
}

export interface EditedModel {
  bytes: Uint8Array;
  removedInitializers: string[];
  /** Name of the added output holding the per-id durations in frames, when one was found. */
  durationsOutput?: string;
}

interface Field {
  field: number;
  wire: number;
  start: number;
  dataStart: number;
  end: number;
}

function readVarint(bytes: Uint8Array, position: number): [number, number] {
  let value = 0;
  let factor = 1;
  let byte: number;
  do {
    if (position >= bytes.length) throw new Error('Truncated ONNX model (varint)');
    byte = bytes[position++]!;
    value += (byte & 0x7f) * factor;
    factor *= 128;
  } while (byte & 0x80);
  return [value, position];
}

function varint(value: number): Uint8Array {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Uint8Array.from(out);
}

function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let position = start;
  while (position < end) {
    const fieldStart = position;
    let tag: number;
    [tag, position] = readVarint(bytes, position);
    const wire = tag & 7;
    let dataStart = position;
    if (wire === WIRE_VARINT) [, position] = readVarint(bytes, position);
    else if (wire === WIRE_FIXED64) position += 8;
    else if (wire === WIRE_FIXED32) position += 4;
    else if (wire === WIRE_LENGTH) {
      let length: number;
      [length, position] = readVarint(bytes, position);
      dataStart = position;
      position += length;
    } else throw new Error(`Unsupported protobuf wire type ${wire} in ONNX model`);
    if (position > end) throw new Error('Truncated ONNX model (field)');
    yield { field: tag >>> 3, wire, start: fieldStart, dataStart, end: position };
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function stringFields(bytes: Uint8Array, parent: Field, field: number): string[] {
  const values: string[] = [];
  for (const child of fields(bytes, parent.dataStart, parent.end)) {
    if (child.field === field && child.wire === WIRE_LENGTH) values.push(decoder.decode(bytes.subarray(child.dataStart, child.end)));
  }
  return values;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array[] {
  return [varint((field << 3) | WIRE_LENGTH), varint(payload.length), payload];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function editOnnxModel(model: Uint8Array, edit: ModelEdit): EditedModel {
  const remove = new Set(edit.removeInitializers ?? []);
  const removedInitializers: string[] = [];
  let durationsOutput: string | undefined;
  const parts: Uint8Array[] = [];
  for (const top of fields(model, 0, model.length)) {
    if (top.field !== MODEL_GRAPH || top.wire !== WIRE_LENGTH) {
      parts.push(model.subarray(top.start, top.end));
      continue;
    }
    const graph: Uint8Array[] = [];
    const outputs = new Set<string>();
    for (const child of fields(model, top.dataStart, top.end)) {
      if (child.field === GRAPH_INITIALIZER && child.wire === WIRE_LENGTH) {
        const name = stringFields(model, child, TENSOR_NAME)[0];
        if (name !== undefined && remove.has(name)) {
          removedInitializers.push(name);
          continue;
        }
      } else if (child.field === GRAPH_OUTPUT && child.wire === WIRE_LENGTH) {
        for (const name of stringFields(model, child, VALUE_INFO_NAME)) outputs.add(name);
      } else if (edit.exposeDurations && durationsOutput === undefined && child.field === GRAPH_NODE && child.wire === WIRE_LENGTH) {
        if (stringFields(model, child, NODE_OP_TYPE)[0] === 'CumSum') durationsOutput = stringFields(model, child, NODE_INPUT)[0];
      }
      graph.push(model.subarray(child.start, child.end));
    }
    // A graph output needs only its name: onnxruntime infers the type from the producing node.
    if (durationsOutput !== undefined && !outputs.has(durationsOutput)) {
      graph.push(...lengthDelimited(GRAPH_OUTPUT, concat(lengthDelimited(VALUE_INFO_NAME, encoder.encode(durationsOutput)))));
    }
    parts.push(...lengthDelimited(MODEL_GRAPH, concat(graph)));
  }
  return { bytes: concat(parts), removedInitializers, ...(durationsOutput === undefined ? {} : { durationsOutput }) };
}
