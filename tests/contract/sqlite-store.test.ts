import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from '../../src/storage/store.js';
import { describeStoreContract } from './store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'crewdesk-contract-'));
let databases = 0;

describeStoreContract({
  name: 'SQLite (file, WAL)',
  open: async () => openStore(`sqlite:${join(folder, `store-${++databases}.db`)}`),
  openAgain: async () => openStore(`sqlite:${join(folder, 'store-1.db')}`),
  dispose: async () => rmSync(folder, { recursive: true, force: true }),
  runSql: async (statement) => {
    const database = new SqliteDatabase(join(folder, 'store-1.db'));
    try {
      database.exec(statement);
    } finally {
      database.close();
    }
  },
});
