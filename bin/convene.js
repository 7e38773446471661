#!/usr/bin/env node
// The `convene` command: dist/cli/main.js when the build is current, else src/cli/main.ts (bin/entry.js);
// the command's name narrows that check to the sources it loads.
import './node-check.js';
import { entry } from './entry.js';

const { main } = await import(entry('cli/main', process.argv[2]));
process.exitCode = await main(process.argv.slice(2));
