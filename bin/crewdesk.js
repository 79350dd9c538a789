#!/usr/bin/env node
// The `crewdesk` command: runs the compiled CLI, building it first on a fresh clone.
import { ensureServerBuilt } from '../scripts/ensure-built.js';

await ensureServerBuilt();
const { runCli } = await import('../dist/cli.js');
process.exitCode = await runCli(process.argv.slice(2));
