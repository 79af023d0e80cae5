// Entry of a language worker thread (pool.ts). The project is TypeScript run through tsx, and a
// worker thread does not inherit the loader the main thread registered at run time (bin/kaohe.js
// calls tsx's register(); vitest transforms in-process), so the worker registers tsx itself before
// loading its TypeScript. Plain JavaScript: it must run before any loader exists.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
