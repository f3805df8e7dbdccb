// Entry of a file-build thread (file-thread.ts): registers tsx in this thread (Node 20 does not apply the
// main thread's `--import tsx` hooks to a worker's entry module), loads the builder module named in
// workerData, feeds it the parts posted by the main thread, and sends back the finished file's bytes.
import { register } from 'tsx/esm/api';
import { parentPort, threadId, workerData } from 'node:worker_threads';

register();
const { createBuilder } = await import(workerData.entry);
const builder = createBuilder();

parentPort.on('message', (m) => {
  if (m.type === 'part') return builder.add(m.part);
  Promise.resolve()
    .then(() => builder.finish(m.final))
    .then(
      (bytes) => {
        // Transferred, not copied: the buffer must own its whole ArrayBuffer (Node pools small ones).
        const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
        parentPort.postMessage({ type: 'done', bytes: own, threadId }, [own.buffer]);
      },
      (err) => parentPort.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
});
