#!/usr/bin/env node
// The published CLI. Node >= 22.18 runs the TypeScript sources directly (type stripping).
import './node-check.js';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
