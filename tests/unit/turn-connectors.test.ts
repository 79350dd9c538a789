import { describe, expect, it } from 'vitest';
import type { Activity, TurnContext } from 'botbuilder';
import { createBotAdapter } from '../../src/teams/bot-adapter.js';
import { REPLY_RETRY_POLICY_NAME } from '../../src/teams/reply-retries.js';

/**
 * Issue 8: botbuilder builds a new connector client — credentials, an Azure pipeline of a dozen
 * policies — for every turn. Crewdesk's adapter keeps one per bot app, service URL and audience,
 * with the in-turn reply retries (src/teams/reply-retries.ts) in place of the pipeline's own.
 */
const localBot = {
  appId: '',
  appPassword: '',
  appType: 'MultiTenant' as const,
  appTenantId: '',
  openIdMetadataUrl: undefined,
  localMode: true,
};

function message(serviceUrl: string, text: string): Activity {
  return {
    type: 'message',
    id: `activity-${text}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone', name: 'Someone' },
    recipient: { id: '28:crewdesk', name: 'Crewdesk' },
    conversation: { id: `a:${text}`, isGroup: false, name: '', conversationType: 'personal' },
    text,
  } as Activity;
}

interface PipelineView {
  getOrderedPolicies(): { name: string }[];
}

describe('connector clients of turn replies', () => {
  it('gives every turn towards one service URL the same client, and another URL its own', async () => {
    const adapter = createBotAdapter(localBot);
    const clientOf = async (activity: Activity) => {
      let client: unknown;
      await adapter.processIncoming('', activity, async (context: TurnContext) => {
        client = context.turnState.get(context.adapter.ConnectorClientKey);
      });
      return client;
    };
    const emea = 'https://smba.trafficmanager.net/emea/';
    const [first, second, third] = await Promise.all([
      clientOf(message(emea, 'one')),
      clientOf(message(emea, 'two')),
      clientOf(message(emea, 'three')),
    ]);
    const elsewhere = await clientOf(message('https://smba.trafficmanager.net/amer/', 'four'));
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(elsewhere).not.toBe(first);
  });

  it('gives every turn of the bot the same user token client', async () => {
    const adapter = createBotAdapter(localBot);
    const tokenClientOf = async (activity: Activity) => {
      let client: unknown;
      await adapter.processIncoming('', activity, async (context: TurnContext) => {
        client = context.turnState.get(adapter.UserTokenClientKey);
      });
      return client;
    };
    const first = await tokenClientOf(message('https://smba.trafficmanager.net/emea/', 'one'));
    const second = await tokenClientOf(message('https://smba.trafficmanager.net/amer/', 'two'));
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });

  it('replaces the pipeline’s own retries with the in-turn reply retries, once', async () => {
    const adapter = createBotAdapter(localBot);
    const policiesOf = async (activity: Activity) => {
      let names: string[] = [];
      await adapter.processIncoming('', activity, async (context: TurnContext) => {
        const client = context.turnState.get(context.adapter.ConnectorClientKey) as {
          client: { pipeline: PipelineView };
        };
        names = client.client.pipeline.getOrderedPolicies().map((policy) => policy.name);
      });
      return names;
    };
    await policiesOf(message('https://smba.trafficmanager.net/emea/', 'one'));
    const names = await policiesOf(message('https://smba.trafficmanager.net/emea/', 'two'));
    expect(names.filter((name) => name === REPLY_RETRY_POLICY_NAME)).toHaveLength(1);
    expect(names).not.toContain('defaultRetryPolicy');
  });
});
