import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/store.js';
import { describeStoreContract } from './store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'crewdesk-contract-'));
let databases = 0;

describeStoreContract({
  name: 'SQLite (file, WAL)',
  open: async () => openStore(`sqlite:${join(folder, `store-${++databases}.db`)}`),
  openAgain: async () => openStore(`sqlite:${join(folder, 'store-1.db')}`),
  dispose: async () => rmSync(folder, { recursive: true, force: true }),
});
