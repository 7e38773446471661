#!/usr/bin/env node
// The `convene` command: dist/cli/main.js when the build is current, else src/cli/main.ts (bin/entry.js).
import './node-check.js';
import { entry } from './entry.js';

const { main } = await import(entry('cli/main'));
process.exitCode = await main(process.argv.slice(2));
