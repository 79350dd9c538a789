// The bot end to end through Microsoft 365 Agents Playground (npm package
// @microsoft/teams-app-test-tool, command `teamsapptester`): the real Crewdesk server in this
// process, the playground as a child process in its own process group, and the playground's HTTP
// and websocket API in place of its web UI. The playground sends what Teams sends (locale en-US,
// Alex Wilber) and relays the bot's replies from its mocked connector to the websocket.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Node 20 has a global WebSocket only behind --experimental-websocket; `ws` comes with botbuilder.
import WebSocket from 'ws';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEAMSAPPTESTER = join(repositoryRoot, 'node_modules', '.bin', 'teamsapptester');
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface PlaygroundConfig {
  config: {
    currentUser: { id: string; name: string; aadObjectId: string };
    personalChat: { id: string };
    bot: { id: string };
  };
}

interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
}

interface Playground {
  baseUrl: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the playground falls back to a random one if it is taken). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} (after ${ms} ms)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Signals the child's whole process group (it is its leader: spawned detached). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function startPlayground(botEndpoint: string): Promise<Playground> {
  // Its own working directory, so that its ./devTools/ log stays out of the repository.
  const workingDirectory = mkdtempSync(join(tmpdir(), 'crewdesk-playground-'));
  const child = spawn(TEAMSAPPTESTER, ['start', '--disable-telemetry'], {
    cwd: workingDirectory,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      TEAMSAPPTESTER_PORT: String(await freePort()),
      BOT_ENDPOINT: botEndpoint,
    },
  });
  // Should this worker exit without afterAll (a crash, a bail), take the playground along.
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  let output = '';
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    signalGroup(child, 'SIGTERM');
    await withTimeout(exited(child), 5000, () => 'Agents Playground ignored SIGTERM').catch(() => {
      signalGroup(child, 'SIGKILL');
      return exited(child);
    });
    rmSync(workingDirectory, { recursive: true, force: true });
  };

  const listening = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`Agents Playground exited (${code ?? signal}):\n${output}`)),
    );
  });
  try {
    const port = await withTimeout(listening, 20_000, () => `Agents Playground did not start:\n${output}`);
    return { baseUrl: `http://127.0.0.1:${port}`, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The playground's conversation stream: every bot message, and a way to wait for one. */
async function openConversationStream(baseUrl: string) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
  const messages: PlaygroundMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as { action?: string; message?: PlaygroundMessage };
    if (event.action === 'createMessage' && event.message) messages.push(event.message);
    waiters.forEach((wake) => wake());
  });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    5000,
    () => 'the conversation websocket did not open',
  );
  return {
    messages,
    close: () => socket.close(),
    waitFor(predicate: (message: PlaygroundMessage) => boolean, ms: number): Promise<PlaygroundMessage> {
      let wake: () => void = () => undefined;
      const found = new Promise<PlaygroundMessage>((resolve) => {
        wake = () => {
          const message = messages.find(predicate);
          if (message) resolve(message);
        };
        waiters.add(wake);
        wake();
      });
      return withTimeout(found, ms, () => `no matching bot message; got ${JSON.stringify(messages)}`).finally(
        () => waiters.delete(wake),
      );
    },
  };
}

/** Every string an Adaptive Card shows (TextBlock text, fact titles and values, action titles…). */
function cardText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(cardText).join('\n');
  if (node === null || typeof node !== 'object') return '';
  return Object.entries(node)
    .filter(([key]) =>
      ['text', 'title', 'value', 'body', 'items', 'columns', 'facts', 'actions', 'inlines'].includes(key),
    )
    .map(([, value]) => cardText(value))
    .join('\n');
}

function adaptiveCardText(message: PlaygroundMessage): string {
  return (message.attachments ?? [])
    .filter((attachment) => attachment.contentType === ADAPTIVE_CARD)
    .map((attachment) => cardText(attachment.content))
    .join('\n');
}

describe('the bot in Microsoft 365 Agents Playground', () => {
  let crewdesk: CrewdeskUnderTest | undefined;
  let playground: Playground | undefined;

  beforeAll(async () => {
    crewdesk = await startCrewdeskForTest();
    playground = await startPlayground(`${crewdesk.baseUrl}/api/messages`);
  });

  afterAll(async () => {
    await playground?.stop();
    await crewdesk?.stop();
  });

  // Its own time-outs (config 20 s, socket 5 s, post 10 s, reply 15 s) end it before this one does.
  it('answers "help" with the help card', async () => {
    const baseUrl = playground!.baseUrl;
    // The playground answers its config once the bot endpoint is reachable (it waits up to 15 s).
    const configResponse = await fetch(`${baseUrl}/_internal/v1/config`, {
      signal: AbortSignal.timeout(20_000),
    });
    expect(configResponse.status).toBe(200);
    const { config } = (await configResponse.json()) as PlaygroundConfig;
    expect(config.currentUser.name).toBe('Alex Wilber');

    const stream = await openConversationStream(baseUrl);
    try {
      const sent = await fetch(
        `${baseUrl}/_conversation/v1/conversations/${encodeURIComponent(config.personalChat.id)}/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'help', textFormat: 'plain' }),
          signal: AbortSignal.timeout(10_000),
        },
      );
      expect(sent.status).toBe(200);

      const reply = await stream.waitFor(
        (message) =>
          message.from.id === config.bot.id && adaptiveCardText(message).includes('What I can do for you'),
        15_000,
      );
      expect(adaptiveCardText(reply)).toMatch(/hours/i);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- Agents Playground output ---\n${playground!.output()}`,
        {
          cause: error,
        },
      );
    } finally {
      stream.close();
    }
  }, 60_000);
});
