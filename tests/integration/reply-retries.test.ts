import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import {
  startConnectorStub,
  type ConnectorAnswer,
  type ConnectorRequest,
  type ConnectorStub,
} from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 5, "Nothing lost": the replies a turn sends (context.sendActivity) when the Bot Connector
 * answers 429 with Retry-After or 503. They are retried within the turn, waiting what the
 * connector asks (src/teams/reply-retries.ts); a connector that stays unavailable longer than a
 * turn may wait gets the activity answered 503, so that it is delivered again — and then the reply
 * goes out and the hours are recorded once.
 */
describe('replies when the Bot Connector throttles or fails', () => {
  let connector: ConnectorStub;
  let crewdesk: CrewdeskUnderTest;
  /** Answers per conversation, in order; once spent, the connector accepts. */
  const scripted = new Map<string, ConnectorAnswer[]>();

  beforeAll(async () => {
    connector = await startConnectorStub({
      script: (request: ConnectorRequest) => scripted.get(request.conversationId)?.shift(),
    });
    crewdesk = await startCrewdeskForTest({ env: { CREWDESK_DEMO: 'false' } });
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  function hoursMessage() {
    const person = { id: `29:${randomUUID()}`, name: 'Retry Person', aadObjectId: `retry-${randomUUID()}` };
    const conversationId = `a:retry-${randomUUID()}`;
    const activity = teamsMessage({
      serviceUrl: connector.serviceUrl,
      conversationId,
      from: person,
      id: `retry-${randomUUID()}`,
      text: '7h30 on 2.3.',
      localTimestamp: '2026-03-04T18:00:00.000+01:00',
    });
    return { activity, person, conversationId };
  }

  /** What the turn sent to the connector, leaving out teams-ai's "typing" activities. */
  const messageRequests = (conversationId: string) =>
    connector.requests.filter(
      (request) => request.conversationId === conversationId && request.activity.type === 'message',
    );

  async function entriesOf(aadObjectId: string) {
    const response = await fetch(`${crewdesk.baseUrl}/api/me/hours?from=2026-03-01&to=2026-03-31`, {
      headers: { [DEMO_USER_HEADER]: aadObjectId },
    });
    const body = (await response.json()) as { days: { date: string; workedMinutes: number }[] };
    return body.days.filter((day) => day.workedMinutes > 0);
  }

  it('retries a throttled and an unavailable reply, waiting the Retry-After asked for', async () => {
    const { activity, person, conversationId } = hoursMessage();
    scripted.set(conversationId, [
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'try later' } } },
    ]);

    const response = await postActivity(crewdesk.baseUrl, activity);

    expect(response.status).toBe(200);
    const attempts = messageRequests(conversationId);
    expect(attempts).toHaveLength(3);
    // The second attempt came no earlier than the connector asked.
    expect(attempts[1]!.receivedAt - attempts[0]!.receivedAt).toBeGreaterThanOrEqual(1_000);
    expect(connector.repliesTo(conversationId)).toHaveLength(1);
    expect(await entriesOf(person.aadObjectId)).toEqual([
      expect.objectContaining({ date: '2026-03-02', workedMinutes: 450 }),
    ]);
  });

  it('defers the activity with 503 when the connector stays unavailable, and answers its redelivery once', async () => {
    const { activity, person, conversationId } = hoursMessage();
    // Longer than a turn can wait (the Bot Connector gives a turn about 15 s).
    scripted.set(conversationId, [{ status: 429, headers: { 'Retry-After': '60' } }]);

    const first = await postActivity(crewdesk.baseUrl, activity);

    expect(first.status).toBe(503);
    expect(connector.repliesTo(conversationId)).toHaveLength(0);
    // Teams sends the activity again; the connector takes replies again by then.
    const again = await postActivity(crewdesk.baseUrl, activity);
    expect(again.status).toBe(200);
    expect(connector.repliesTo(conversationId)).toHaveLength(1);
    expect(await entriesOf(person.aadObjectId)).toEqual([
      expect.objectContaining({ date: '2026-03-02', workedMinutes: 450 }),
    ]);
  });

  it('keeps retrying through connection failures within the turn', async () => {
    const { activity, conversationId } = hoursMessage();
    scripted.set(conversationId, ['drop', { status: 502 }, 'drop']);

    const response = await postActivity(crewdesk.baseUrl, activity);

    expect(response.status).toBe(200);
    expect(messageRequests(conversationId)).toHaveLength(4);
    expect(connector.repliesTo(conversationId)).toHaveLength(1);
  });
});
