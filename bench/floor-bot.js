// The framework floor: the least a Teams bot on Crewdesk's own stack does per message — restify 11,
// teams-ai's TeamsAdapter (CloudAdapter) in local mode (empty app id: no inbound auth), a teams-ai
// Application with MemoryStorage that loads and saves conversation state, and one small Adaptive
// Card sent back through the Bot Connector. Crewdesk cannot be faster than this on this machine.
//
//   node bench/floor-bot.js            → prints its URL; stops on Ctrl-C (or after 15 min)
import restify from 'restify';
import { CardFactory, MemoryStorage, MessageFactory } from 'botbuilder';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { stopWhenAsked, tell, answerMemoryQueries } from './lib/child.js';

const adapter = new TeamsAdapter({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: 'MultiTenant',
});
const app = new Application({
  adapter,
  storage: new MemoryStorage(),
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
stopWhenAsked(
  () =>
    new Promise((resolve) => {
      server.close(() => resolve());
    }),
);
