import * as core from '@actions/core';
import { describeError } from './errors.js';
import { run } from './main.js';
import { applyMemoryPolicy } from './memory.js';

applyMemoryPolicy();

// A promise nobody awaited must still fail the step, with its reason, instead of vanishing.
process.on('unhandledRejection', (reason) => {
  core.setFailed(`TrailSight failed (unhandled rejection): ${describeError(reason)}`);
  process.exitCode = 1;
});

await run();
