// Entry of the delivery thread: registers tsx in this thread (Node 20 does not apply the main thread's
// `--import tsx` hooks to a worker's entry module), then loads the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./delivery-thread.ts');
