import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** A message the bot replaced in place (updateActivity): a card refreshed for everyone. */
export interface RecordedUpdate {
  conversationId: string;
  activityId: string;
  activity: RecordedReply['activity'];
}

/** What a scripted connector answers to one request (see `startConnectorStub`'s `script`). */
export type ConnectorAnswer =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Closes the connection without an answer (a connection error for the client). */
  | 'drop'
  /** Never answers (a timeout for the client); released when the stub closes. */
  | 'hang';

export interface ConnectorRequest {
  conversationId: string;
  replyToId: string | null;
  activity: RecordedReply['activity'];
  /** 1 for the first request the stub receives, 2 for the next… */
  sequence: number;
  /** When the stub received it (ms since the epoch): shows how long a client waited between tries. */
  receivedAt: number;
  /** The Authorization header as sent (the bot's token for the connector), or null. */
  authorization: string | null;
}

/**
 * A Bot Connector on loopback, speaking the real REST protocol the bot uses to reply:
 * POST /v3/conversations/{conversationId}/activities[/{replyToId}] answers `{ id }` and records
 * the activity.
 */
export interface ConnectorStub {
  serviceUrl: string;
  replies: RecordedReply[];
  /** Every request received, whatever was answered. */
  requests: ConnectorRequest[];
  /** Activities replaced in place (PUT), oldest first. */
  updates: RecordedUpdate[];
  repliesTo(conversationId: string): RecordedReply[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * `script` decides the answer to each request (429 with Retry-After, 503, 403, 404, a dropped
 * connection, no answer at all…); without it, or when it returns undefined, every request is
 * accepted. Only accepted (2xx) activities are recorded in `replies`: what Teams would show.
 */
export async function startConnectorStub(
  options: { script?: (request: ConnectorRequest) => ConnectorAnswer | undefined } = {},
): Promise<ConnectorStub> {
  const replies: RecordedReply[] = [];
  const requests: ConnectorRequest[] = [];
  const updates: RecordedUpdate[] = [];
  const hanging = new Set<ServerResponse>();
  let sequence = 0;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(request.url ?? '');
      // PUT …/activities/{id}: a card replaced in place (Universal Actions for everyone).
      if (request.method === 'PUT' && match?.[2]) {
        updates.push({
          conversationId: decodeURIComponent(match[1] ?? ''),
          activityId: decodeURIComponent(match[2]),
          activity: (await readJson(request)) as RecordedReply['activity'],
        });
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ id: decodeURIComponent(match[2]) }));
        return;
      }
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      const activity = (await readJson(request)) as RecordedReply['activity'];
      const received: ConnectorRequest = {
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2] ? decodeURIComponent(match[2]) : null,
        activity,
        sequence: requests.length + 1,
        receivedAt: Date.now(),
        authorization: request.headers.authorization ?? null,
      };
      requests.push(received);
      const answer = options.script?.(received);
      if (answer === 'drop') {
        request.socket.destroy();
        return;
      }
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      if (answer && (answer.status < 200 || answer.status > 299)) {
        response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body ?? { error: { code: 'Scripted', message: 'scripted' } }));
        return;
      }
      replies.push({
        conversationId: received.conversationId,
        replyToId: received.replyToId,
        activity,
      });
      response.writeHead(200, { 'Content-Type': 'application/json', ...(answer ? answer.headers : {}) });
      response.end(JSON.stringify({ id: `reply-${++sequence}` }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replies,
    requests,
    updates,
    repliesTo: (conversationId) => replies.filter((reply) => reply.conversationId === conversationId),
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
