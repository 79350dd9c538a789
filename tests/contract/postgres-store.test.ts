import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openStore } from '../../src/storage/store.js';
import { describeStoreContract } from './store-contract.js';

const baseUrl = process.env.TEST_DATABASE_URL;

if (!baseUrl) {
  describe('Store contract on PostgreSQL', () => {
    it.skip('skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it', () => {});
  });
} else {
  // Each database the suite opens is a schema of its own, dropped at the end.
  const schemas: string[] = [];
  const urlOf = (schema: string) => {
    const url = new URL(baseUrl);
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  describeStoreContract({
    name: 'PostgreSQL',
    open: async () => {
      const schema = `crewdesk_contract_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      return openStore(urlOf(schema));
    },
    openAgain: async () => openStore(urlOf(schemas[0]!)),
    runSql: async (statement) => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${schemas[0]}"`);
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    dispose: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  });
}
