import { afterAll } from 'vitest';
import { closeRealStore } from './real-store.js';

// A setup file's afterAll runs after the test file's own (hooks run in reverse), so nothing queries a stopped server.
afterAll(closeRealStore);
