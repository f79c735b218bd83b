#!/usr/bin/env node
import { describeError } from './errors.js';
import { EXIT, main } from './cli-main.js';
import { applyMemoryPolicy } from './memory.js';

applyMemoryPolicy();

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`error: unhandled rejection: ${describeError(reason)}\n`);
  process.exit(EXIT.failed);
});

process.exitCode = await main(process.argv.slice(2));
