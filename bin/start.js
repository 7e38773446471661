#!/usr/bin/env node
// `npm start`: checks the Node version, then runs Convene (src/main.ts).
import './node-check.js';

await import('../src/main.ts');
