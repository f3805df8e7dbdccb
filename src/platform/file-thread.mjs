// Entry of a file-build thread (file-thread.ts): registers tsx in this thread (Node 20 does not apply the
// main thread's `--import tsx` hooks to a worker's entry module), loads the builder module named in
// workerData (a platform builder: a sheet from column definitions, a 公文 .docx), creates its builder with
// workerData.args, feeds it the parts posted by the main thread, and sends back the finished file's bytes.
import { register } from 'tsx/esm/api';
import { setPriority } from 'node:os';
import { parentPort, threadId, workerData } from 'node:worker_threads';

// A lower priority for this thread only (on Linux a "process" priority of pid 0 is the calling thread's):
// when cores are short, the event loop that acks Lark's events runs first and the file waits.
try {
  setPriority(0, 10);
} catch {
  // Not permitted or not supported here: the build runs at the normal priority.
}
register();
const { createBuilder } = await import(workerData.entry);
// Awaited: a builder may first import what it builds (a sheet's definition). Messages posted meanwhile
// wait in the port until the listener below is attached.
const builder = await createBuilder(workerData.args);

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
