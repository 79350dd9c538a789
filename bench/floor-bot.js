// The framework floor: the least a Teams bot on Crewdesk's own stack does per message — restify 11,
// teams-ai's TeamsAdapter (CloudAdapter) in local mode (empty app id: no inbound auth), a teams-ai
// Application with MemoryStorage that loads and saves conversation state, and one small Adaptive
// Card sent back through the Bot Connector. Crewdesk cannot be faster than this on this machine.
//
//   node bench/floor-bot.js            → prints its URL; stops on Ctrl-C (or after 15 min)
//   node bench/floor-bot.js --durable  → the same, its state in SQLite instead of memory
//
// `--durable` (informative, issue 8): a bot that must not forget its state between restarts keeps
// it in a database. Here: a better-sqlite3 file with Crewdesk's own settings (WAL, synchronous
// NORMAL), read and written with plain prepared statements and the eTag check botbuilder's Storage
// contract asks for — one durable write per turn, nothing else Crewdesk does (no activity ledger,
// no hours, no audit, no query builder). It shows what durability alone costs on this machine.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import { CardFactory, MemoryStorage, MessageFactory } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import SqliteDatabase from 'better-sqlite3';
import { answerMemoryQueries, parseArguments, stopWhenAsked, tell } from './lib/child.js';

const options = parseArguments();
const cleanups = [];

/** botbuilder's Storage on one SQLite table: read omits unknown keys, write checks the eTag. */
function sqliteStorage() {
  const folder = mkdtempSync(join(tmpdir(), 'crewdesk-bench-floor-'));
  const database = new SqliteDatabase(join(folder, 'state.db'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec('create table state (key text primary key, document text not null, etag text not null)');
  cleanups.push(() => {
    database.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const select = database.prepare('select document, etag from state where key = ?');
  const upsert = database.prepare(
    'insert into state (key, document, etag) values (?, ?, ?) on conflict (key) do update set document = excluded.document, etag = excluded.etag',
  );
  const update = database.prepare('update state set document = ?, etag = ? where key = ? and etag = ?');
  const remove = database.prepare('delete from state where key = ?');
  return {
    async read(keys) {
      const items = {};
      for (const key of keys) {
        const row = select.get(key);
        if (row) items[key] = { ...JSON.parse(row.document), eTag: row.etag };
      }
      return items;
    },
    async write(changes) {
      for (const [key, { eTag, ...content }] of Object.entries(changes)) {
        const document = JSON.stringify(content);
        if (eTag && eTag !== '*') {
          if (update.run(document, randomUUID(), key, eTag).changes === 1) continue;
          // Nothing updated: someone else wrote first, or nothing is stored yet (then it is new).
          if (select.get(key)) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        upsert.run(key, document, randomUUID());
      }
    },
    async delete(keys) {
      for (const key of keys) remove.run(key);
    },
  };
}

const adapter = new TeamsAdapter({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: 'MultiTenant',
});
const app = new Application({
  adapter,
  storage: options.durable ? sqliteStorage() : new MemoryStorage(),
  startTypingTimer: false,
  longRunningMessages: false,
});

app.activity('message', async (context, state) => {
  // One state write per turn, as Crewdesk does when it remembers what "undo" would take back.
  state.conversation.turns = (state.conversation.turns ?? 0) + 1;
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Echo', weight: 'Bolder' },
      { type: 'TextBlock', text: context.activity.text ?? '', wrap: true },
    ],
  };
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
});

const server = restify.createServer({ name: 'crewdesk-bench-floor' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => app.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { ok: true });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  tell({ type: 'ready', url });
  if (!process.send) process.stdout.write(`floor bot on ${url}/api/messages\n`);
});

answerMemoryQueries();
stopWhenAsked(() =>
  new Promise((resolve) => {
    server.close(() => resolve());
  }).then(() => cleanups.forEach((cleanup) => cleanup())),
);
