#!/usr/bin/env node
// `npm start`: checks the Node version, then runs Convene: dist/main.js when the build is current,
// else src/main.ts (bin/entry.js).
import './node-check.js';
import { entry } from './entry.js';

await import(entry('main'));
