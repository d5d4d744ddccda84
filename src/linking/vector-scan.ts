import ort from 'onnxruntime-node';

/**
 * Exact dot products of query vectors against every row of a matrix, run as one ONNX `Gemm` (Q × Mᵀ) by
 * onnxruntime's native CPU kernels, the same runtime the transformers embedder uses. Measured on 125k × 512
 * (ESCO v1.1.1's English skill texts): 6 queries in 22 ms, against 370 ms for a tuned plain-JS loop; the
 * matrix is handed over without a copy, and the work runs off the event loop.
 */
export class VectorScan {
  /** Queries scanned in one run: its result is `QUERY_CHUNK` × rows floats, 32 MB for 125k rows. */
  private static readonly QUERY_CHUNK = 64;

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly matrix: ort.Tensor,
    private readonly rows: number,
    private readonly dimension: number,
  ) {}

  static async create(matrix: Float32Array, dimension: number): Promise<VectorScan> {
    if (dimension <= 0 || matrix.length % dimension !== 0) {
      throw new Error(`a ${matrix.length}-float matrix does not hold ${dimension}-d rows`);
    }
    const rows = matrix.length / dimension;
    // One thread: a scan is tens of milliseconds, and concurrent requests are better served by the other core.
    const session = await ort.InferenceSession.create(gemmModel(dimension), { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return new VectorScan(session, new ort.Tensor('float32', matrix, [rows, dimension]), rows, dimension);
  }

  /**
   * For each query in turn, its dot product with every row, in row order. Queries run `QUERY_CHUNK` at a time,
   * and a chunk's results can be let go before the next chunk runs.
   */
  async *dots(queries: Float32Array[]): AsyncGenerator<Float32Array> {
    for (let start = 0; start < queries.length; start += VectorScan.QUERY_CHUNK) {
      const chunk = queries.slice(start, start + VectorScan.QUERY_CHUNK);
      const packed = new Float32Array(chunk.length * this.dimension);
      chunk.forEach((query, i) => {
        if (query.length !== this.dimension) throw new Error(`a ${query.length}-d query against ${this.dimension}-d vectors`);
        packed.set(query, i * this.dimension);
      });
      const result = await this.session.run({ Q: new ort.Tensor('float32', packed, [chunk.length, this.dimension]), M: this.matrix });
      const scores = result.S!.data as Float32Array;
      for (let i = 0; i < chunk.length; i++) yield scores.subarray(i * this.rows, (i + 1) * this.rows);
    }
  }
}

/*
 * The model is a single node, so it is written here as protobuf bytes (onnx.proto field numbers) rather than
 * shipped as a file: Q [k, d] and M [n, d] in, S = Q × Mᵀ [k, n] out, ONNX IR 8, opset 13.
 */
function gemmModel(dimension: number): Uint8Array {
  const varint = (value: number) => {
    const out: number[] = [];
    for (; value > 127; value = Math.floor(value / 128)) out.push((value & 127) | 128);
    out.push(value);
    return out;
  };
  const int = (field: number, value: number) => [...varint(field << 3), ...varint(value)];
  const message = (field: number, content: number[] | string) => {
    const body = typeof content === 'string' ? [...Buffer.from(content, 'utf8')] : content;
    return [...varint((field << 3) | 2), ...varint(body.length), ...body];
  };
  const FLOAT = 1;
  const ATTRIBUTE_INT = 2;
  // ValueInfoProto { name, type: TypeProto { tensor_type { elem_type, shape { dim { dim_value | dim_param } } } } }
  const tensor = (name: string, dims: (number | string)[]) => [
    ...message(1, name),
    ...message(2, message(1, [
      ...int(1, FLOAT),
      ...message(2, dims.flatMap((dim) => message(1, typeof dim === 'number' ? int(1, dim) : message(2, dim)))),
    ])),
  ];
  // NodeProto { input, input, output, op_type, attribute { name, i, type } }
  const gemm = [
    ...message(1, 'Q'), ...message(1, 'M'), ...message(2, 'S'), ...message(4, 'Gemm'),
    ...message(5, [...message(1, 'transB'), ...int(3, 1), ...int(20, ATTRIBUTE_INT)]),
  ];
  // GraphProto { node, name, input, input, output }
  const graph = [
    ...message(1, gemm), ...message(2, 'vector-scan'),
    ...message(11, tensor('Q', ['k', dimension])), ...message(11, tensor('M', ['n', dimension])),
    ...message(12, tensor('S', ['k', 'n'])),
  ];
  // ModelProto { ir_version, graph, opset_import { domain, version } }
  return Uint8Array.from([...int(1, 8), ...message(7, graph), ...message(8, [...message(1, ''), ...int(2, 13)])]);
}
