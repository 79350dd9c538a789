import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/shared/clock.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { cardActionInvoke, postActivity, teamsMessage, visibleText } from '../support/teams-activities.js';

/**
 * The outbound ticket webhook (issue 6): every new ticket and change is posted as JSON, signed with
 * HMAC-SHA256, retried with backoff and Retry-After through the same queue as Teams messages — and
 * a webhook that fails never blocks the chat nor loses the ticket.
 */
interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  answered: number;
}

const SECRET = 'webhook-secret-for-tests';

describe('the ticket webhook', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;
  let receiver: Server;
  const received: Received[] = [];
  /** What the receiver answers next; 200 once the list is empty. */
  const answers: { status: number; retryAfter?: string }[] = [];
  let current = Date.parse('2026-11-26T09:00:00.000Z');
  const clock: Clock = { now: () => new Date(current) };
  const requester = { id: '29:nina', name: 'Nina Steiner', aadObjectId: `nina-${randomUUID()}` };
  const chat = `a:${requester.aadObjectId}`;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = answers.shift() ?? { status: 200 };
        received.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered: answer.status,
        });
        response.writeHead(answer.status, answer.retryAfter ? { 'Retry-After': answer.retryAfter } : {});
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest({
      clock,
      env: {
        CREWDESK_DEMO: 'false',
        CREWDESK_TICKET_WEBHOOK_URL: `http://127.0.0.1:${port}/crewdesk`,
        CREWDESK_TICKET_WEBHOOK_SECRET: SECRET,
      },
    });
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  /** Delivers what is due until `done` holds (the server's own worker may be sending too). */
  async function deliverUntil(done: () => boolean): Promise<void> {
    for (let round = 0; round < 50 && !done(); round += 1) {
      await crewdesk.proactive.deliverDue();
      if (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function openTicket(text: string): Promise<string> {
    const message = teamsMessage({
      serviceUrl: connector.serviceUrl,
      conversationId: chat,
      from: requester,
      text,
    });
    expect((await postActivity(crewdesk.baseUrl, message)).status).toBe(200);
    const reply = connector.repliesTo(chat).at(-1)!.activity;
    const person = (
      (reply.attachments?.[0]?.content as { actions?: { verb?: string; data?: Record<string, unknown> }[] })
        .actions ?? []
    ).find((action) => action.verb === 'support.person')!;
    const click = cardActionInvoke({
      serviceUrl: connector.serviceUrl,
      conversationId: chat,
      from: requester,
      verb: 'support.person',
      data: person.data!,
    });
    const response = await postActivity(crewdesk.baseUrl, click);
    expect(response.status).toBe(200);
    const shown = visibleText({
      attachments: [{ content: (JSON.parse(response.body) as { value: unknown }).value }],
    });
    return /CD-\d{6}/.exec(shown)![0];
  }

  it('posts a new ticket as signed JSON, retrying a failing receiver until it takes it, once', async () => {
    answers.push({ status: 503 }, { status: 429, retryAfter: '120' });
    const reference = await openTicket('my VPN does not connect');

    await deliverUntil(() => received.length >= 1);
    expect(received.map((request) => request.answered)).toEqual([503]);
    // Backoff: nothing is tried again before the clock moves on.
    await crewdesk.proactive.deliverDue();
    expect(received).toHaveLength(1);

    current += 10 * 60_000;
    await deliverUntil(() => received.length >= 2);
    expect(received.map((request) => request.answered)).toEqual([503, 429]);
    // Retry-After: 120 seconds, honoured.
    current += 60_000;
    await crewdesk.proactive.deliverDue();
    expect(received).toHaveLength(2);
    current += 61_000;
    await deliverUntil(() => received.length >= 3);
    expect(received.map((request) => request.answered)).toEqual([503, 429, 200]);
    current += 60 * 60_000;
    await crewdesk.proactive.deliverDue();
    expect(received).toHaveLength(3);

    const accepted = received[2]!;
    const body = JSON.parse(accepted.body) as {
      id: string;
      type: string;
      ticket: {
        reference: string;
        statusZendesk: string;
        stateServiceNow: number;
        priority: string;
        requester: { name: string };
      };
    };
    expect(body).toMatchObject({
      type: 'ticket.created',
      ticket: {
        reference,
        statusZendesk: 'new',
        stateServiceNow: 1,
        requester: { name: 'Nina Steiner' },
      },
    });
    // The same event id on every attempt: the receiver can drop a redelivery.
    expect(new Set(received.map((request) => (JSON.parse(request.body) as { id: string }).id)).size).toBe(1);
    const signature = String(accepted.headers['x-crewdesk-signature']);
    const [, timestamp, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${accepted.body}`).digest('hex');
    expect(digest).toBe(expected);
  });

  it('keeps the chat and the ticket when the receiver refuses the event for good', async () => {
    answers.push({ status: 400 });
    const before = received.length;
    const reference = await openTicket('pas d’internet à la maison');
    await deliverUntil(() => received.length > before);
    expect(received[before]!.answered).toBe(400);
    current += 60 * 60_000;
    await crewdesk.proactive.deliverDue();
    expect(received).toHaveLength(before + 1);

    const tickets = await crewdesk.store.support.listTickets({
      requesterAadObjectId: requester.aadObjectId,
      limit: 5,
    });
    expect(tickets.map((ticket) => `CD-${String(ticket.number).padStart(6, '0')}`)).toContain(reference);
    const failed = (await crewdesk.store.outbound.listDeliveries({ status: 'failed', limit: 10 })).filter(
      (job) => job.category === 'webhook',
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toMatch(/^rejected/);
  });
});
