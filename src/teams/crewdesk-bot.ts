import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { Application } from '@microsoft/teams-ai';
import type { HoursService } from '../domain/hours/log-hours.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError } from '../domain/shared/errors.js';
import { supportedLocaleOf } from '../domain/shared/locale.js';
import { translatorFor } from '../i18n/translate.js';
import { recogniseCommand, type Language } from '../language/commands.js';
import { understandHours } from '../language/hours/understand-hours.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ActivityLedger } from '../storage/activity-ledger.js';
import type { BotStateStorage } from '../storage/bot-state-storage.js';
import { describeDomainError } from './domain-error-messages.js';
import { helpCard, unknownInputCard, welcomeCard } from './cards/help-card.js';
import { hoursRecordedCard } from './cards/hours-card.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import type { CrewdeskAdapter } from './bot-adapter.js';
import { readChatTurn, tenantIdOf, type ChatTurnFacts } from './chat-turn.js';
import { TurnSerializer } from './turn-serializer.js';

interface ConversationState {
  welcomed?: boolean;
  /** The entries the last message recorded, so that "undo" knows what to take back. */
  lastRecordedEntryIds?: string[];
}
type CrewdeskTurnState = TurnState<ConversationState>;

export interface BotDependencies {
  adapter: CrewdeskAdapter;
  botAppId: string;
  botState: BotStateStorage;
  activities: ActivityLedger;
  hours: HoursService;
  clock: Clock;
  defaultTimeZone: string;
  /** Entra tenants allowed to use the bot; empty = any. */
  allowedTenantIds: readonly string[];
  logger: Logger;
  metrics: Metrics;
}

const LOCALE_OF_LANGUAGE: Record<Language, string> = { fr: 'fr-CH', de: 'de-CH', it: 'it-CH', en: 'en' };

/**
 * Replies follow the activity's locale, unless the words say otherwise: the Agents Playground and
 * many English-language Teams clients send en-US for a French speaker who writes "aide".
 */
function replyLocale(facts: ChatTurnFacts, wordsLanguage: Language | null): string {
  if (
    wordsLanguage &&
    supportedLocaleOf(facts.locale) !== supportedLocaleOf(LOCALE_OF_LANGUAGE[wordsLanguage])
  ) {
    return LOCALE_OF_LANGUAGE[wordsLanguage];
  }
  return facts.locale;
}

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

function createApplication(dependencies: BotDependencies): Application<CrewdeskTurnState> {
  const { hours, clock, defaultTimeZone } = dependencies;
  const app = new Application<CrewdeskTurnState>({
    adapter: dependencies.adapter,
    botAppId: dependencies.botAppId,
    // botbuilder's Storage contract, backed by the Crewdesk database.
    storage: dependencies.botState as never,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  const factsOf = (context: TurnContext) =>
    readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });

  async function welcomeOnce(context: TurnContext, state: CrewdeskTurnState): Promise<void> {
    if (state.conversation.welcomed) return;
    const facts = factsOf(context);
    const t = translatorFor(facts.locale);
    await sendCard(context, welcomeCard(t, { name: context.activity.from?.name?.split(' ')[0] ?? '' }));
    state.conversation.welcomed = true;
  }

  app.conversationUpdate('membersAdded', async (context, state) => {
    const botId = context.activity.recipient?.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((member) => member.id === botId);
    if (botWasAdded) await welcomeOnce(context, state);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context, state) => {
    const action = (context.activity as Partial<Activity> & { action?: string }).action ?? '';
    if (action.startsWith('add')) await welcomeOnce(context, state);
  });

  app.activity(ActivityTypes.Message, async (context, state) => {
    const facts = factsOf(context);
    const command = recogniseCommand(facts.text);
    if (command?.command === 'help') {
      await sendCard(context, helpCard(translatorFor(replyLocale(facts, command.language))));
      return;
    }

    const understanding = understandHours({ text: facts.text, localeHint: facts.locale, today: facts.today });
    if (understanding.kind === 'log' && facts.actor) {
      const locale = replyLocale(facts, understanding.language);
      const t = translatorFor(locale);
      const recordedEntryIds: string[] = [];
      for (const day of understanding.days) {
        if (!day.work) continue;
        const logged = await hours.logWork({
          actor: facts.actor,
          date: day.date,
          minutes: day.work.minutes,
          startTime: day.work.ranges[0]?.start ?? null,
          endTime: day.work.ranges.at(-1)?.end ?? null,
          breakMinutes: day.work.breakMinutes,
          place: day.place,
          sourceActivityId: facts.activityId ?? null,
        });
        recordedEntryIds.push(logged.entry.id);
        await sendCard(
          context,
          hoursRecordedCard(t, {
            locale,
            date: day.date,
            recordedMinutes: logged.entry.minutes,
            dayTotalMinutes: logged.dayTotalMinutes,
          }),
        );
      }
      state.conversation.lastRecordedEntryIds = recordedEntryIds;
      return;
    }

    const t = translatorFor(replyLocale(facts, understanding.language));
    await sendCard(context, unknownInputCard(t, { text: facts.text }));
  });

  return app;
}

/** The HTTP side of the bot: what POST /api/messages does with one request. */
export interface BotEndpoint {
  /** Processes one request body; resolves with the HTTP status and optional JSON body to send. */
  handle(body: unknown, authorizationHeader: string): Promise<{ status: number; body?: unknown }>;
}

export function createCrewdeskBot(dependencies: BotDependencies): BotEndpoint {
  const { adapter, activities, logger, metrics } = dependencies;
  const app = createApplication(dependencies);
  const serializer = new TurnSerializer();

  async function explainFailure(context: TurnContext, error: unknown, reference: string): Promise<void> {
    const locale = context.activity.locale ?? 'en';
    const t = translatorFor(locale);
    const explanation = isDomainError(error) ? describeDomainError(error, t, locale) : null;
    await context.sendActivity(
      explanation ?? `${t('errors.apology')} ${t('errors.reference', { reference })}`,
    );
  }

  return {
    async handle(body, authorizationHeader) {
      if (typeof body !== 'object' || body === null || typeof (body as Activity).type !== 'string') {
        return {
          status: 400,
          body: { error: { code: 'input.invalid', message: 'expected a Bot Framework activity' } },
        };
      }
      const activity = normaliseTimestamps(body as Activity & Record<string, unknown>);
      const type = activity.type;
      const conversationKey = `${activity.channelId ?? ''}|${activity.conversation?.id ?? ''}`;
      const stopTimer = metrics.turnDuration.startTimer({ type });
      let turnStarted = false;

      try {
        const invokeResponse = await serializer.run(conversationKey, () =>
          adapter.processIncoming(authorizationHeader, activity, async (context) => {
            turnStarted = true;
            const activityKey = activity.id ? `${conversationKey}|${activity.id}` : null;
            if (activityKey && !(await activities.claim(activityKey, activity.conversation?.id ?? ''))) {
              metrics.turns.inc({ type, outcome: 'duplicate' });
              logger.info({ activityId: activity.id, type }, 'redelivered activity ignored');
              return;
            }
            const tenantId = tenantIdOf(context.activity);
            if (
              dependencies.allowedTenantIds.length > 0 &&
              !dependencies.allowedTenantIds.includes(tenantId ?? '')
            ) {
              // Another organisation's Teams: no service, and nothing to tell them.
              metrics.turns.inc({ type, outcome: 'foreign_tenant' });
              logger.warn(
                { activityId: activity.id, tenantId },
                'activity from a tenant that is not allowed',
              );
              return;
            }
            try {
              await app.run(context);
              metrics.turns.inc({ type, outcome: 'ok' });
            } catch (error) {
              if (activityKey) await activities.release(activityKey).catch(() => undefined);
              const userError = isDomainError(error) && error.fault === 'user';
              metrics.turns.inc({ type, outcome: userError ? 'refused' : 'failed' });
              const reference = activity.id ?? randomUUID();
              if (userError)
                logger.info({ activityId: activity.id, type, code: error.code }, 'bot turn refused input');
              else logger.error({ err: error, activityId: activity.id, type }, 'bot turn failed');
              await explainFailure(context, error, reference.slice(0, 12)).catch((sendError: unknown) =>
                logger.error(
                  { err: sendError, activityId: activity.id },
                  'failure message could not be sent',
                ),
              );
            }
          }),
        );
        return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
      } catch (error) {
        if (!turnStarted) {
          // botbuilder raises several error types for a bad token (AuthenticationError, and
          // JsonWebTokenError for a foreign key or alg none); all mean the same: not authenticated.
          metrics.turns.inc({ type, outcome: 'unauthorized' });
          logger.warn({ activityId: activity.id, reason: (error as Error).message }, 'bot request refused');
          return { status: 401, body: { error: { code: 'auth.unauthenticated', message: 'unauthorized' } } };
        }
        logger.error({ err: error, activityId: activity.id }, 'bot request failed');
        return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
      } finally {
        stopTimer();
      }
    },
  };
}

/** botbuilder keeps the raw timestamp strings beside the parsed dates; the user's offset lives there. */
function normaliseTimestamps(activity: Activity & Record<string, unknown>): Activity {
  const copy: Record<string, unknown> = { ...activity };
  if (typeof activity.timestamp === 'string') {
    copy.rawTimestamp = activity.timestamp;
    copy.timestamp = new Date(activity.timestamp);
  }
  if (typeof activity.localTimestamp === 'string') {
    copy.rawLocalTimestamp = activity.localTimestamp;
    copy.localTimestamp = new Date(activity.localTimestamp);
  }
  return copy as unknown as Activity;
}
