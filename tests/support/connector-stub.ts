import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedReply {
  conversationId: string;
  replyToId: string | null;
  activity: {
    type: string;
    text?: string;
    locale?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
}

/**
 * A Bot Connector on loopback, speaking the real REST protocol the bot uses to reply:
 * POST /v3/conversations/{conversationId}/activities[/{replyToId}] answers `{ id }` and records
 * the activity.
 */
export interface ConnectorStub {
  serviceUrl: string;
  replies: RecordedReply[];
  repliesTo(conversationId: string): RecordedReply[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const replies: RecordedReply[] = [];
  let sequence = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const activity = (await readJson(request)) as RecordedReply['activity'];
      replies.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] ? decodeURIComponent(match[2]) : null,
        activity,
      });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ id: `reply-${++sequence}` }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replies,
    repliesTo: (conversationId) => replies.filter((reply) => reply.conversationId === conversationId),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
