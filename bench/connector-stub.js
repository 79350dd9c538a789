// A Bot Connector on loopback for benchmarks: answers the bot's replies
// (POST /v3/conversations/{id}/activities[/{replyToId}]) with `{ id }` at once, and counts them, per
// conversation too, including the replies that carry Crewdesk's apology (a failed turn).
//
// Options, for the broadcast benchmark (issue 8):
//   --rate N             accept at most N requests per second (a 1-second window); beyond: 429
//   --throttle-share F   answer this share of requests (every 1/F-th, deterministic) with 429
//   --retry-after S      the Retry-After seconds sent with a 429 (default 1)
//
// Statistics: GET /_bench/stats[?conversation=ID], POST /_bench/reset, or over IPC
// `{ type: 'stats', conversationId? }` / `{ type: 'reset' }` when started by bench/run.js.
//
//   node bench/connector-stub.js [--port 0] [--rate 50] [--throttle-share 0.1]
import { createServer } from 'node:http';
import { translatorFor } from '../dist/i18n/translate.js';
import { parseArguments, stopWhenAsked, tell } from './lib/child.js';

const options = parseArguments();
const rateLimit = options.rate ? Number(options.rate) : null;
const throttleShare = options['throttle-share'] ? Number(options['throttle-share']) : 0;
const retryAfterSeconds = options['retry-after'] ? Number(options['retry-after']) : 1;

// The apology of every language, from Crewdesk's own catalogues (the stub never copies the text).
const apologies = ['en', 'fr-CH', 'de-CH', 'it-CH'].map((locale) => translatorFor(locale)('errors.apology'));

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;

function freshStats() {
  return {
    requests: 0,
    accepted: 0,
    throttled: 0,
    notFound: 0,
    apologies: 0,
    // Date.now() of the first request and of the last accepted one (the broadcast's span).
    firstRequestAtMs: null,
    lastAcceptedAtMs: null,
    byConversation: new Map(),
  };
}
let stats = freshStats();
let sequence = 0;
let windowStart = 0;
let windowCount = 0;

function withinRate(now) {
  if (rateLimit === null) return true;
  if (now - windowStart >= 1000) {
    windowStart = now;
    windowCount = 0;
  }
  windowCount++;
  return windowCount <= rateLimit;
}

function shouldThrottle() {
  if (throttleShare <= 0) return false;
  const every = Math.max(1, Math.round(1 / throttleShare));
  return stats.requests % every === 0;
}

function snapshot(conversationId) {
  const { byConversation, ...totals } = stats;
  let duplicated = 0;
  let maxReplies = 0;
  for (const entry of byConversation.values()) {
    if (entry.replies > 1) duplicated++;
    maxReplies = Math.max(maxReplies, entry.replies);
  }
  const result = {
    ...totals,
    conversations: byConversation.size,
    conversationsWithMoreThanOneReply: duplicated,
    maxRepliesPerConversation: maxReplies,
  };
  if (conversationId)
    result.conversation = byConversation.get(conversationId) ?? { replies: 0, apologies: 0 };
  return result;
}

function record(conversationId, body) {
  stats.accepted++;
  stats.lastAcceptedAtMs = Date.now();
  let entry = stats.byConversation.get(conversationId);
  if (!entry) stats.byConversation.set(conversationId, (entry = { replies: 0, apologies: 0 }));
  entry.replies++;
  // JSON.stringify leaves accents and typographic apostrophes as they are: a substring test is enough.
  if (apologies.some((apology) => body.includes(apology))) {
    stats.apologies++;
    entry.apologies++;
  }
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/_bench/stats') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(snapshot(url.searchParams.get('conversation'))));
      return;
    }
    if (url.pathname === '/_bench/reset' && request.method === 'POST') {
      stats = freshStats();
      response.writeHead(204).end();
      return;
    }
    const match = ACTIVITIES.exec(url.pathname);
    if (request.method !== 'POST' || !match) {
      stats.notFound++;
      response.writeHead(404).end();
      return;
    }
    stats.requests++;
    stats.firstRequestAtMs ??= Date.now();
    if (!withinRate(Date.now()) || shouldThrottle()) {
      stats.throttled++;
      response.writeHead(429, {
        'Retry-After': String(retryAfterSeconds),
        'Content-Type': 'application/json',
      });
      response.end('{"error":{"code":"TooManyRequests","message":"slow down"}}');
      return;
    }
    record(decodeURIComponent(match[1]), Buffer.concat(chunks).toString('utf8'));
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(`{"id":"stub-${++sequence}"}`);
  });
});

process.on('message', (message) => {
  if (message?.type === 'stats') tell({ type: 'stats', stats: snapshot(message.conversationId) });
  if (message?.type === 'reset') {
    stats = freshStats();
    tell({ type: 'reset' });
  }
});

server.listen(Number(options.port ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  const serviceUrl = `http://127.0.0.1:${port}/`;
  tell({ type: 'ready', url: serviceUrl });
  if (!process.send) process.stdout.write(`connector stub on ${serviceUrl}\n`);
});

stopWhenAsked(
  () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);
