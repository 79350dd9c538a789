import { randomUUID } from 'node:crypto';

export interface ActivityOptions {
  serviceUrl: string;
  conversationId?: string;
  id?: string;
  text?: string;
  locale?: string;
  from?: { id: string; name: string; aadObjectId?: string };
  tenantId?: string;
  localTimestamp?: string;
  timestamp?: string;
  localTimezone?: string;
}

export const ALEX_WILBER = {
  id: '29:alex-wilber',
  name: 'Alex Wilber',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
};

const BOT = { id: '28:crewdesk-bot', name: 'Crewdesk' };

/** A personal-chat message shaped the way Teams sends it to /api/messages. */
export function teamsMessage(options: ActivityOptions): Record<string, unknown> {
  const conversationId = options.conversationId ?? `a:${randomUUID()}`;
  return {
    type: 'message',
    id: options.id ?? randomUUID(),
    timestamp: options.timestamp ?? new Date().toISOString(),
    localTimestamp: options.localTimestamp ?? '2026-11-26T17:45:00.000+01:00',
    localTimezone: options.localTimezone ?? 'Europe/Zurich',
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: options.from ?? ALEX_WILBER,
    recipient: BOT,
    conversation: {
      id: conversationId,
      conversationType: 'personal',
      tenantId: options.tenantId ?? 'tenant-crewdesk',
    },
    channelData: { tenant: { id: options.tenantId ?? 'tenant-crewdesk' } },
    locale: options.locale ?? 'en-US',
    text: options.text ?? 'help',
    textFormat: 'plain',
  };
}

/** The conversationUpdate Teams sends when a user installs the bot in personal scope. */
export function botInstalled(options: ActivityOptions): Record<string, unknown> {
  const message = teamsMessage(options);
  return {
    ...message,
    type: 'conversationUpdate',
    text: undefined,
    membersAdded: [{ id: BOT.id }],
  };
}

export async function postActivity(
  baseUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

/** The text of every TextBlock of the Adaptive Cards in a reply, joined: what a reader sees. */
export function visibleText(activity: { text?: string; attachments?: { content: unknown }[] }): string {
  const texts: string[] = activity.text ? [activity.text] : [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
      Object.values(element).forEach(walk);
    }
  };
  walk(activity.attachments?.map((attachment) => attachment.content) ?? []);
  return texts.join('\n');
}

/** The invoke Teams sends when someone clicks an Action.Execute button (Universal Actions). */
export function cardActionInvoke(
  options: ActivityOptions & { verb: string; data: Record<string, unknown>; replyToId?: string },
): Record<string, unknown> {
  const message = teamsMessage(options);
  return {
    ...message,
    // The message that holds the card: what a card replaced for everyone replaces.
    replyToId: options.replyToId ?? `card-${randomUUID()}`,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
  };
}

/** The Action.Execute buttons of the cards in a reply: title, verb, data. */
export function executeActions(activity: {
  attachments?: { content: unknown }[];
}): { title: string; verb: string; data: Record<string, unknown> }[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    const actions = ((attachment.content as { actions?: unknown[] }).actions ?? []) as {
      type: string;
      title: string;
      verb: string;
      data: Record<string, unknown>;
    }[];
    return actions.filter((action) => action.type === 'Action.Execute');
  });
}
