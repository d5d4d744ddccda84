/*
 * Just enough of the ONNX protobuf (onnx.proto field numbers) to write the small graphs escograph builds itself:
 * the vector scan's Gemm and USE-lite translated from its TensorFlow.js graph. Messages are Buffers, so that
 * tens of MB of weights are copied once.
 */

export const ELEMENT = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10 } as const;

/** Unsigned LEB128; negative numbers as protobuf's 10-byte two's complement. */
function varint(value: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  for (; v > 127n; v >>= 7n) out.push(Number(v & 127n) | 128);
  out.push(Number(v));
  return Buffer.from(out);
}

export const int = (field: number, value: number | bigint) => Buffer.concat([varint(field << 3), varint(value)]);

export function message(field: number, ...content: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(content.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
  return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
}

const float = (field: number, value: number) => {
  const out = Buffer.alloc(5);
  out[0] = (field << 3) | 5;
  out.writeFloatLE(value, 1);
  return out;
};

/** An attribute value: a number is an INT (floats must be given as `{ float }`), an array INTS. */
export type Attribute = number | { float: number } | number[];

// AttributeProto { name = 1, f = 2, i = 3, ints = 8, type = 20 }
function attribute(name: string, value: Attribute): Buffer {
  if (Array.isArray(value)) return message(5, message(1, name), ...value.map((v) => int(8, v)), int(20, 7));
  if (typeof value === 'number') return message(5, message(1, name), int(3, value), int(20, 2));
  return message(5, message(1, name), float(2, value.float), int(20, 1));
}

// NodeProto { input = 1, output = 2, op_type = 4, attribute = 5 }
export const node = (op: string, inputs: string[], outputs: string[], attributes: Record<string, Attribute> = {}) =>
  message(1, ...inputs.map((i) => message(1, i)), ...outputs.map((o) => message(2, o)), message(4, op),
    ...Object.entries(attributes).map(([name, value]) => attribute(name, value)));

// TensorProto { dims = 1, data_type = 2, name = 8, raw_data = 9 }, as a graph initializer (field 5)
export const initializer = (name: string, type: number, dims: number[], raw: ArrayBufferView) =>
  message(5, ...dims.map((d) => int(1, d)), int(2, type), message(8, name), message(9, Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)));

// ValueInfoProto { name, type: TypeProto { tensor_type { elem_type, shape { dim { dim_value | dim_param } } } } }
export const valueInfo = (field: 11 | 12, name: string, type: number, dims: (number | string)[]) =>
  message(field, message(1, name), message(2, message(1, int(1, type),
    message(2, ...dims.map((dim) => message(1, typeof dim === 'number' ? int(1, dim) : message(2, dim)))))));

/** ModelProto { ir_version = 1, graph = 7, opset_import = 8 } around GraphProto { node, name = 2, initializer, input, output }. */
export const model = (name: string, parts: Buffer[], opset: number) =>
  Buffer.concat([int(1, 8), message(7, message(2, name), ...parts), message(8, message(1, ''), int(2, opset))]);
