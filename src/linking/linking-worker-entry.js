// The linking thread's entry (see linking-thread.ts). Plain JavaScript: a worker thread does not inherit the
// TypeScript loader of the thread that starts it, so it registers its own before loading the worker's sources.
import { register } from 'tsx/esm/api';

register();
await import('./linking-worker.ts');
