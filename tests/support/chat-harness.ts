import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import type { Person } from '../../src/domain/directory/people.js';
import { startConnectorStub, type ConnectorStub, type RecordedReply } from './connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from './crewdesk-under-test.js';
import {
  cardActionInvoke,
  postActivity,
  teamsMessage,
  visibleText,
  type ActivityOptions,
} from './teams-activities.js';

/**
 * Chatting with the real Crewdesk over HTTP, as Teams does: Crewdesk on loopback, a Bot Connector
 * stub that records its replies, and the moves the integration tests make in a chat — someone says
 * something, clicks a card button, waits for what the proactive worker delivers.
 */

/** Someone in Teams. `conversationId` is their personal chat (`a:{aadObjectId}` unless given). */
export interface ChatPerson {
  id: string;
  name: string;
  aadObjectId: string;
  conversationId?: string;
}

/** An Adaptive Card as the tests read it. */
export interface Card {
  body: Record<string, unknown>[];
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
}

export type ReplyActivity = RecordedReply['activity'];

/** What the tests may set on an activity beyond who sends it: its language, chat, time and id. */
export type ChatOptions = Omit<ActivityOptions, 'serviceUrl' | 'from' | 'text'> & {
  /** Posted in this Teams channel instead of the personal chat. */
  channel?: string;
};

/** What Teams expects back from an Action.Execute that refreshes the card. */
export const CARD_ANSWER = { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' };

export const personalChatOf = (person: ChatPerson) => person.conversationId ?? `a:${person.aadObjectId}`;

/** A directory person as Teams names them in an activity. */
export const chatPersonOf = (person: Pick<Person, 'aadObjectId' | 'displayName'>): ChatPerson => ({
  id: `29:${person.aadObjectId}`,
  name: person.displayName,
  aadObjectId: person.aadObjectId,
});

/** Someone Crewdesk has never seen: no directory entry, no hours. */
export function newcomer(): ChatPerson {
  const aadObjectId = `person-${randomUUID()}`;
  return { id: `29:${aadObjectId}`, name: 'Sam Example', aadObjectId };
}

/**
 * Someone with a readable name, unique to this run (`suffix`), the language their Teams client
 * speaks and their own personal chat: for tests that seed their own directory.
 */
export function chatMember(name: string, locale: string, suffix: string) {
  return {
    locale,
    id: `29:${name}-${suffix}`,
    name,
    aadObjectId: `${name.toLowerCase().replace(/ /g, '-')}-${suffix}`,
    conversationId: `a:${name}-${suffix}`,
  };
}
export type ChatMember = ReturnType<typeof chatMember>;

/** What a reader sees on a card. */
export const cardText = (card: unknown) => visibleText({ attachments: [{ content: card }] });

/** Every Action.Execute of a card, however deep (button rows in columns, forms in ShowCards). */
export function allExecuteActions(
  card: unknown,
): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'Action.Execute') found.push(element as never);
      Object.values(element).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export interface ChatOverHttp {
  crewdesk: CrewdeskUnderTest;
  connector: ConnectorStub;
  /** Posts a message from `from` and answers with Crewdesk's HTTP response; checks nothing. */
  send(from: ChatPerson, text: string, options?: ChatOptions): Promise<{ status: number; body: string }>;
  /** Posts a message, expects 200 and returns Crewdesk's replies to it (not what else arrived). */
  say(from: ChatPerson, text: string, options?: ChatOptions): Promise<ReplyActivity[]>;
  /** Posts the invoke of an Action.Execute button and answers with the HTTP response; checks nothing. */
  invoke(
    from: ChatPerson,
    action: { verb: string; data: Record<string, unknown> },
    options?: ChatOptions,
  ): Promise<{ status: number; body: string }>;
  /**
   * Clicks an Action.Execute button: expects 200 (and `expectAnswer` in the invoke response, if
   * given) and returns the card that replaces the clicked one.
   */
  click<C = Card>(
    from: ChatPerson,
    action: { verb: string; data: Record<string, unknown> },
    options?: ChatOptions & { expectAnswer?: Record<string, unknown> },
  ): Promise<C>;
  /**
   * Messages and clicks of chat members at one moment (`localTimestamp` as their Teams client says
   * it, `timestamp` the same instant in UTC), each message in the member's own language; a click
   * answers the card that replaces the clicked one, and what a reader sees on it.
   */
  at(moment: { localTimestamp: string; timestamp: string }): {
    say(who: ChatMember, text: string): Promise<{ status: number; body: string }>;
    click(
      who: ChatMember,
      verb: string,
      data: Record<string, unknown>,
    ): Promise<{ card: unknown; text: string }>;
  };
  /** How many messages `who`'s personal chat holds: the `before` of `deliveredTo`. */
  seen(who: ChatPerson): number;
  /** Delivers what is due, waits until `who`'s chat holds `count` messages and returns all of them. */
  deliveredTo(who: ChatPerson, count: number): Promise<RecordedReply[]>;
  /**
   * Delivers what is due until `look` finds something (about five seconds at most). The server's
   * own worker delivers in the background too: a job it has claimed is not handed to `deliverDue`,
   * so this waits for what is being sent to arrive.
   */
  deliverUntil<T>(look: () => T | undefined | Promise<T | undefined>): Promise<T | undefined>;
  /**
   * Delivers what is queued and waits until nothing is left queued, including what the server's
   * own worker has claimed and is still sending. Take `seen` after this, or a notice still on its
   * way lands after the count and is taken for the next one.
   */
  settle(): Promise<void>;
  /** What reached `person`'s personal chat, once a message containing `expected` has (if given). */
  noticesTo(person: ChatPerson, expected?: string): Promise<string[]>;
  /** The first card of each message in a conversation (undefined for a message without one). */
  cardsIn(conversationId: string): (Card | undefined)[];
  stop(): Promise<void>;
}

/** Starts a connector stub and Crewdesk (see `startCrewdeskForTest` for `options`). */
export async function startChatOverHttp(
  options: Parameters<typeof startCrewdeskForTest>[0] = {},
): Promise<ChatOverHttp> {
  const connector = await startConnectorStub();
  const crewdesk = await startCrewdeskForTest(options);

  const activityOptions = (from: ChatPerson, { channel, ...options }: ChatOptions) => ({
    serviceUrl: connector.serviceUrl,
    conversationId: channel ?? personalChatOf(from),
    from,
    ...options,
  });
  const inChannel = (activity: Record<string, unknown>, options: ChatOptions) => {
    if (options.channel) (activity.conversation as Record<string, unknown>).conversationType = 'channel';
    return activity;
  };
  const newMessage = (from: ChatPerson, text: string, options: ChatOptions) =>
    inChannel(teamsMessage({ ...activityOptions(from, options), text }), options);
  const invokeOf = (
    from: ChatPerson,
    action: { verb: string; data: Record<string, unknown> },
    options: ChatOptions,
  ) => inChannel(cardActionInvoke({ ...activityOptions(from, options), ...action }), options);

  const deliverUntil = async <T>(
    look: () => T | undefined | Promise<T | undefined>,
  ): Promise<T | undefined> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await crewdesk.proactive.deliverDue();
      const found = await look();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undefined;
  };

  const settle = async () => {
    const settled = await deliverUntil(async () =>
      (await crewdesk.store.outbound.countByStatus()).queued === 0 ? true : undefined,
    );
    if (!settled) throw new Error('Messages were still queued after about five seconds');
  };

  return {
    crewdesk,
    connector,
    send: (from, text, options = {}) => postActivity(crewdesk.baseUrl, newMessage(from, text, options)),
    async say(from, text, options = {}) {
      const activity = newMessage(from, text, options);
      const conversationId = (activity.conversation as { id: string }).id;
      const before = connector.repliesTo(conversationId).length;
      const response = await postActivity(crewdesk.baseUrl, activity);
      expect(response.status).toBe(200);
      // Only the replies to this message: the proactive worker may post notices in between.
      return connector
        .repliesTo(conversationId)
        .slice(before)
        .filter((reply) => reply.replyToId === activity.id)
        .map((reply) => reply.activity);
    },
    invoke: (from, action, options = {}) => postActivity(crewdesk.baseUrl, invokeOf(from, action, options)),
    async click<C>(
      from: ChatPerson,
      action: { verb: string; data: Record<string, unknown> },
      { expectAnswer, ...options }: ChatOptions & { expectAnswer?: Record<string, unknown> } = {},
    ) {
      const response = await postActivity(crewdesk.baseUrl, invokeOf(from, action, options));
      expect(response.status).toBe(200);
      const answer = JSON.parse(response.body) as { value: C };
      if (expectAnswer) expect(answer).toMatchObject(expectAnswer);
      return answer.value;
    },
    at({ localTimestamp, timestamp }) {
      return {
        say: (who, text) =>
          postActivity(
            crewdesk.baseUrl,
            newMessage(who, text, { locale: who.locale, localTimestamp, timestamp }),
          ),
        async click(who, verb, data) {
          const response = await postActivity(
            crewdesk.baseUrl,
            invokeOf(who, { verb, data }, { localTimestamp }),
          );
          expect(response.status).toBe(200);
          const card = (JSON.parse(response.body) as { value: unknown }).value;
          return { card, text: cardText(card) };
        },
      };
    },
    seen: (who) => connector.repliesTo(personalChatOf(who)).length,
    async deliveredTo(who, count) {
      await crewdesk.proactive.deliverDue();
      await vi.waitFor(() =>
        expect(connector.repliesTo(personalChatOf(who)).length).toBeGreaterThanOrEqual(count),
      );
      return connector.repliesTo(personalChatOf(who));
    },
    deliverUntil,
    settle,
    async noticesTo(person, expected) {
      const texts = () =>
        connector.repliesTo(personalChatOf(person)).map((reply) => visibleText(reply.activity));
      await deliverUntil(() =>
        expected === undefined || texts().some((text) => text.includes(expected)) ? true : undefined,
      );
      return texts();
    },
    cardsIn: (conversationId) =>
      connector
        .repliesTo(conversationId)
        .map((reply) => reply.activity.attachments?.[0]?.content as unknown as Card | undefined),
    async stop() {
      await crewdesk.stop();
      await connector.close();
    },
  };
}
