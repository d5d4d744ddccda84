// One onnxruntime session in a worker thread (see EmbeddingPool in ./embedding-pool.ts): onnxruntime-node runs a
// session on the calling thread, so this is how a long build runs beside the event loop and on several cores.
// Plain JavaScript: worker threads do not inherit the TypeScript loader.
// workerData: { model: the ONNX bytes, output: the output to answer with, sessionOptions: see onnx-session-options.ts }. Posts { ready: true } once loaded,
// then answers each message of int64 feeds ({ name: { data, dims } }) with { output } or { error }. On { stop: true }
// it exits once no run is in flight: a thread terminated from outside while inside onnxruntime's native code
// (a session being created, a run) can abort the whole process.
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const session = await ort.InferenceSession.create(workerData.model, workerData.sessionOptions);

let running = 0;
let stopping = false;
const exitWhenIdle = () => {
  if (stopping && running === 0) process.exit(0);
};

parentPort.on('message', async (message) => {
  if (message.stop) {
    stopping = true;
    exitWhenIdle();
    return;
  }
  running++;
  try {
    const tensors = Object.fromEntries(Object.entries(message).map(([name, { data, dims }]) => [name, new ort.Tensor('int64', data, dims)]));
    const output = (await session.run(tensors))[workerData.output].data;
    parentPort.postMessage({ output }, [output.buffer]);
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    running--;
    exitWhenIdle();
  }
});
parentPort.postMessage({ ready: true });
