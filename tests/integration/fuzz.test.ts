import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import { ALEX_WILBER, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 5, "Bad input": ten thousand and more malformed activities, card actions and API requests
 * against the running server. Whatever arrives, Crewdesk does not crash, answers no client mistake
 * with a 5xx (the Bot Connector gets 200 or a 4xx), shows nobody a stack trace, and still answers
 * /healthz. The inputs come from a seeded generator (FUZZ_SEED to replay a run, FUZZ_COUNT to
 * send more).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const TOTAL = Number(process.env.FUZZ_COUNT ?? 10_500);
const IN_FLIGHT = 20;

/** mulberry32: small, fast, good enough to pick mutations; the same seed gives the same run. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof prng>;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m\u007f',
  '\r\n\t\v\f',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066RTL\u2069',
  '👩‍👩‍👧‍👦🏳️‍🌈'.repeat(40),
  'Z̷̢̛̛̛a̸̧̛l̷g̶o̵',
  '８ｈ',
  '8h',
  '8-12 13-17',
  '7h30 yesterday',
  'malade hier',
  'Ferien vom 1.1. bis 31.12.',
  'dalle 8 alle 12',
  '25h',
  '-8h',
  '1e308h',
  'help',
  'undo',
  'week',
  'month',
  'log',
  '__proto__',
  'constructor',
  'toString',
  "'; DROP TABLE hours_entries; --",
  '" OR 1=1 --',
  '../../../../etc/passwd',
  '%00%ff%2e%2e',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '{name}',
  '{0, plural, other {#}}',
  "'{'",
  '2026-13-45',
  '0000-00-00',
  '9999-12-31',
  '2026-02-29',
  '1970-01-01T00:00:00Z',
  'NaN',
  'Infinity',
  '-1',
  '1'.repeat(400),
  'a:',
  '29:',
  'null',
  'undefined',
  'true',
];

const ODD_NUMBERS = [0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324];

function junkString(random: Random): string {
  const roll = random.next();
  if (roll < 0.6) return random.pick(ODD_STRINGS);
  if (roll < 0.8) {
    return Array.from({ length: random.int(60) }, () => String.fromCharCode(random.int(0x3000))).join('');
  }
  if (roll < 0.995) return random.pick(ODD_STRINGS).repeat(1 + random.int(200));
  return 'x'.repeat(200 * 1024);
}

function junk(random: Random, depth = 0): unknown {
  const roll = random.int(depth > 3 ? 4 : 7);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return random.pick(ODD_NUMBERS);
    case 2:
      return random.chance(0.5);
    case 3:
      return junkString(random);
    case 4:
      return Array.from({ length: random.int(5) }, () => junk(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let index = random.int(5); index > 0; index -= 1) {
        object[random.chance(0.3) ? random.pick(ODD_STRINGS) : `k${random.int(50)}`] = junk(
          random,
          depth + 1,
        );
      }
      return object;
    }
  }
}

/** Deep nesting, written by hand: JSON.stringify would recurse as deep. */
function deeplyNested(random: Random): string {
  const depth = random.pick([100, 1000, 5000]);
  return random.chance(0.5)
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The verbs of every Action.Execute handler (`grep -rn actionExecute src`) and some that are not. */
const VERBS = [
  'hours.undo',
  'hours.week',
  'hours.log',
  'hours.edit',
  'hours.openLog',
  'hours.openEdit',
  'reminders.snooze',
  'reminders.off',
  'reminders.on',
  'hours.unknown',
  '',
];

const ACTIVITY_FIELDS = [
  'type',
  'id',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'channelId',
  'from',
  'from.id',
  'from.aadObjectId',
  'from.name',
  'recipient',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'locale',
  'text',
  'textFormat',
  'value',
  'value.action',
  'value.action.verb',
  'value.action.data',
  'value.action.type',
  'name',
  'attachments',
  'entities',
  'membersAdded',
  'action',
  'replyToId',
];

/** Fields that are text in every activity Teams sends. */
const TEXT_FIELDS = [
  'id',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'locale',
  'text',
  'textFormat',
  'from.id',
  'from.aadObjectId',
  'from.name',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'channelData.tenant.id',
  'replyToId',
  'name',
];

function setPath(target: Record<string, unknown>, path: string, value: unknown, remove: boolean): void {
  const keys = path.split('.');
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    const record = node as Record<string, unknown>;
    if (typeof record[key] !== 'object' || record[key] === null) record[key] = {};
    node = record[key];
  }
  const last = keys.at(-1)!;
  if (remove) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
}

interface FuzzInput {
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function dataFor(random: Random, verb: string): unknown {
  // Plausible shapes with wrong contents, as well as plain junk.
  const plausible: Record<string, unknown> = {
    entryIds: random.chance(0.5) ? [junkString(random)] : junk(random),
    date: random.pick(['2026-11-20', '2026-11-26', '2027-01-01', '2026-02-30', junkString(random)]),
    subject: random.chance(0.5) ? ALEX_WILBER.aadObjectId : junk(random),
    start: random.pick(['08:00', '25:61', '8', junkString(random)]),
    end: random.pick(['17:00', '07:00', '', junkString(random)]),
    hours: random.pick(['8', '-3', '1e9', junkString(random)]),
    breakMinutes: junk(random),
    absence: random.pick(['sickness', 'vacation', 'nope', junkString(random)]),
    place: random.pick(['home', 'office', 'moon', junkString(random)]),
    replace: junk(random),
    reason: junkString(random),
    verb,
  };
  if (random.chance(0.3)) return junk(random);
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plausible)) if (random.chance(0.6)) data[key] = value;
  return data;
}

function activityInput(random: Random, serviceUrl: string, senders: readonly string[]): FuzzInput {
  const sender = random.pick(senders);
  const base: Record<string, unknown> = teamsMessage({
    serviceUrl,
    conversationId: `a:fuzz-${random.int(400)}`,
    from: { id: `29:${sender}`, name: 'Fuzz', aadObjectId: sender },
    text: junkString(random),
    locale: random.pick(['en-US', 'fr-CH', 'de-CH', 'it-CH', 'ja-JP', '', 'xx-ÿÿ']),
  });
  const flavour = random.int(6);
  let kind = 'activity.message';
  if (flavour <= 1) {
    const verb = random.pick(VERBS);
    kind = `activity.invoke.${verb || 'empty'}`;
    Object.assign(base, {
      type: 'invoke',
      name: random.chance(0.9) ? 'adaptiveCard/action' : junkString(random),
      text: undefined,
      value: { action: { type: 'Action.Execute', verb, data: dataFor(random, verb) }, trigger: 'manual' },
    });
  } else if (flavour === 2) {
    kind = 'activity.other';
    base.type = random.pick([
      'conversationUpdate',
      'installationUpdate',
      'messageReaction',
      'typing',
      'event',
      'messageUpdate',
      'messageDelete',
      'endOfConversation',
      'trace',
      'handoff',
      'MESSAGE',
      'Message ',
      '',
      'invoke',
      junkString(random),
    ]);
    if (random.chance(0.5)) base.membersAdded = junk(random);
    if (random.chance(0.5)) base.action = junk(random);
  } else if (flavour === 3) {
    kind = 'activity.submit';
    base.text = undefined;
    base.value = random.chance(0.5)
      ? { verb: random.pick(VERBS), ...((junk(random) as object) ?? {}) }
      : junk(random);
  }
  if (random.chance(0.5)) {
    // Structural damage: any field missing or of any type (mostly refused at the envelope).
    for (let count = 1 + random.int(4); count > 0; count -= 1) {
      setPath(base, random.pick(ACTIVITY_FIELDS), junk(random), random.chance(0.3));
    }
  } else {
    // Odd contents in the right types: these reach the handlers.
    for (let count = random.int(4); count > 0; count -= 1) {
      setPath(base, random.pick(TEXT_FIELDS), junkString(random), false);
    }
  }
  // Keep replies on the loopback stub: an unreachable serviceUrl is retried for seconds (that path
  // has its own tests), and anything else would send to the internet.
  if (random.chance(0.97)) base.serviceUrl = serviceUrl;
  else base.serviceUrl = random.pick(['', 'not a url', 'ftp://example.invalid/', 42, null]);
  return {
    kind,
    method: 'POST',
    path: '/api/messages',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(base),
  };
}

function rawBotBody(random: Random): FuzzInput {
  const bodies: (() => [string, string])[] = [
    () => ['not json', 'text/plain'],
    () => ['{"type":"message",', 'application/json'],
    () => ['[]', 'application/json'],
    () => [JSON.stringify(junk(random)), 'application/json'],
    () => [String(random.pick(ODD_NUMBERS)), 'application/json'],
    () => ['"message"', 'application/json'],
    () => ['null', 'application/json'],
    () => ['', 'application/json'],
    () => [deeplyNested(random), 'application/json'],
    () => [`{"type":"message","text":"${'a'.repeat(300 * 1024)}"}`, 'application/json'],
    () => ['type=message&text=8h', 'application/x-www-form-urlencoded'],
    () => [JSON.stringify({ type: 'message' }), 'application/octet-stream'],
    () => [JSON.stringify({ type: 'message', __proto__: { polluted: true } }), 'application/json'],
    () => ['{"type":"message","constructor":{"prototype":{"polluted":1}}}', 'application/json'],
    () => [Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'), 'application/json; charset=utf-16'],
  ];
  const [body, contentType] = random.pick(bodies)();
  return {
    kind: 'raw.bot',
    method: 'POST',
    path: '/api/messages',
    headers: { 'Content-Type': contentType },
    body,
  };
}

const API_GETS = [
  '/api/config',
  '/api/me',
  '/api/demo/users',
  '/api/me/hours',
  '/api/users/{id}/hours',
  '/api/reports/rht',
  '/api/schedule',
  '/api/rotations',
  '/api/me/calendar-link',
  '/api/me/calendar.ics',
  '/api/admin/deliveries',
];
const API_POSTS = ['/api/rotations/generate', '/api/rotations/{id}/publish', '/api/rotations/{id}/swap'];
const QUERY_KEYS = [
  'from',
  'to',
  'month',
  'format',
  'site',
  'team',
  'q',
  'limit',
  'detail',
  'status',
  'token',
  'week',
];

/** URL-encodes, and sends a lone surrogate as its (invalid) UTF-8-style bytes instead of throwing. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function queryString(random: Random): string {
  const parts: string[] = [];
  for (let count = random.int(6); count > 0; count -= 1) {
    const key = random.chance(0.8)
      ? random.pick(QUERY_KEYS)
      : random.pick(['__proto__[x]', 'a[b][c]', '', '%zz']);
    const value = random.chance(0.7)
      ? encode(junkString(random).slice(0, 2000))
      : random.pick(['%', '%zz', '&&', '==']);
    parts.push(`${key}=${value}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : random.pick(['', '?', '?&', '?=']);
}

function apiInput(random: Random, actors: readonly string[]): FuzzInput {
  const post = random.chance(0.35);
  const template = random.pick(post ? API_POSTS : API_GETS);
  const id = random.chance(0.5) ? random.pick(actors) : encode(junkString(random).slice(0, 300));
  const path = `${template.replace('{id}', id || 'x')}${queryString(random)}`;
  const headers: Record<string, string> = {};
  if (random.chance(0.9)) {
    const actor = random.chance(0.8) ? random.pick(actors) : junkString(random).slice(0, 500);
    // Header values must be Latin-1 for fetch; the odd characters go URL-encoded.
    headers[DEMO_USER_HEADER] = /^[\x20-\x7e]*$/.test(actor) ? actor : encode(actor);
  }
  if (random.chance(0.1))
    headers.Authorization = random.pick([
      'Bearer',
      'Bearer x.y.z',
      'Basic Zm9vOmJhcg==',
      'Bearer ' + 'a'.repeat(5000),
    ]);
  if (!post) return { kind: `api.GET ${template}`, method: 'GET', path, headers };
  headers['Content-Type'] = random.chance(0.9) ? 'application/json' : 'text/plain';
  const body = random.chance(0.1) ? deeplyNested(random) : JSON.stringify(junk(random));
  return { kind: `api.POST ${template}`, method: random.chance(0.95) ? 'POST' : 'PUT', path, headers, body };
}

describe('fuzzing the running server with malformed input', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  it(
    `survives ${TOTAL} malformed inputs: no crash, no 5xx, no stack trace, /healthz still 200`,
    { timeout: 180_000 },
    async () => {
      const random = prng(SEED);
      const people = await chat.crewdesk.store.directory.listPeople();
      const specialists = people
        .filter((person) => person.roles.some((role) => role !== 'employee'))
        .slice(0, 30);
      const actors = [...specialists, ...people.slice(0, 30)].map((person) => person.aadObjectId);
      // Many senders, so that the per-person rate limit lets most activities reach the handlers.
      const senders = [
        ...actors,
        ...Array.from({ length: 300 }, (_, index) => `fuzz-sender-${index}`),
        ALEX_WILBER.aadObjectId,
      ];

      const inputs: FuzzInput[] = Array.from({ length: TOTAL }, () => {
        const roll = random.next();
        if (roll < 0.6) return activityInput(random, chat.connector.serviceUrl, senders);
        if (roll < 0.7) return rawBotBody(random);
        return apiInput(random, actors);
      });

      const histogram = new Map<string, number>();
      const failures: string[] = [];
      const count = (key: string) => histogram.set(key, (histogram.get(key) ?? 0) + 1);
      const startedAt = performance.now();
      let nextIndex = 0;
      const worker = async () => {
        while (nextIndex < inputs.length) {
          const input = inputs[nextIndex++]!;
          let status: number;
          let text: string;
          try {
            const response = await fetch(`${chat.crewdesk.baseUrl}${input.path}`, {
              method: input.method,
              headers: input.headers,
              ...(input.body === undefined ? {} : { body: input.body }),
              signal: AbortSignal.timeout(30_000),
            });
            status = response.status;
            text = await response.text();
          } catch (error) {
            failures.push(
              `${input.kind}: no answer (${(error as Error).message}) for ${input.body?.slice(0, 300) ?? input.path}`,
            );
            continue;
          }
          count(`${input.kind.startsWith('activity.invoke') ? 'activity.invoke' : input.kind} ${status}`);
          const botBody = input.path === '/api/messages';
          if (status >= 500 || (botBody && status === 429) || text.includes('    at ')) {
            failures.push(
              `${input.kind} → ${status} ${text.slice(0, 200)} for ${(input.body ?? input.path).slice(0, 400)}`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      const seconds = Math.round((performance.now() - startedAt) / 100) / 10;

      console.log(
        `fuzz: ${inputs.length} inputs (seed ${SEED}) in ${seconds} s; replies to the connector: ${chat.connector.requests.length}\n` +
          [...histogram.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => `  ${key}: ${value}`)
            .join('\n'),
      );
      expect(failures.slice(0, 20)).toEqual([]);
      const leaked = chat.connector.requests
        .map((request) => JSON.stringify(request.activity))
        .filter((text) => text.includes('    at ') || text.includes('Error:'));
      expect(leaked.slice(0, 5)).toEqual([]);
      expect((await fetch(`${chat.crewdesk.baseUrl}/healthz`)).status).toBe(200);
      expect((await fetch(`${chat.crewdesk.baseUrl}/readyz`)).status).toBe(200);
    },
  );
});
