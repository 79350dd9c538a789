import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { TurnState } from '@microsoft/teams-ai';
import { Application } from '@microsoft/teams-ai';
import type { HoursService } from '../domain/hours/hours-service.js';
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
import { personMonth } from '../domain/rht/person-month.js';
import { monthCard } from './cards/month-card.js';
import { officeDaysCard } from './cards/office-days-card.js';
import type { RotationRepository } from '../domain/rotation/rotation-ports.js';
import { addDays } from '../domain/shared/calendar-date.js';
import { helpCard, unknownInputCard, welcomeCard } from './cards/help-card.js';
import { HOURS_VERBS, hoursNoticeCard } from './cards/hours-card.js';
import {
  answerHoursMessage,
  undoActionData,
  undoEntries,
  weekActionData,
  weekCardFor,
} from './hours-handlers.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { logHoursCardFor, registerLogHoursCard, type LogHoursDirectory } from './log-hours-actions.js';
import type { CrewdeskAdapter } from './bot-adapter.js';
import { readChatTurn, tenantIdOf, type ChatTurnFacts } from './chat-turn.js';
import { TurnSerializer, type CrossInstanceLock } from './turn-serializer.js';
import { UNAVAILABLE_RESPONSE, unavailableDependency } from './unavailable.js';
import { rememberConversation, type ConversationMemory } from './proactive-sender.js';
import { registerReminderActions, type ReminderActionDependencies } from './reminder-actions.js';
import { registerTimesheetActions, type TimesheetActionDependencies } from './timesheet-actions.js';
import { registerRotationSwapActions, type RotationSwapActionDependencies } from './rotation-swap-actions.js';
import { myRequestsFor, registerMyRequestsActions } from './my-requests-actions.js';
import { understandSupport } from '../language/support/understand-support.js';
import {
  answerQueueCommand,
  answerSupportMessage,
  recogniseQueueCommand,
  registerSupportCards,
  type SupportHandlerDependencies,
} from './support-handlers.js';
import { answerOverLimit, senderKeyOf, type SenderLimit } from './sender-limit.js';
import { understandEquipment } from '../language/equipment/understand-equipment.js';
import {
  answerEquipmentMessage,
  registerEquipmentCards,
  type EquipmentHandlerDependencies,
} from './equipment-handlers.js';
import { isUnansweredInvoke, UNANSWERED_INVOKE } from './unanswered-invoke.js';
import { isActivityEnvelope } from './activity-envelope.js';

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
  /** Read access for the summaries that chat shows ("my month") and the log form's "for" list. */
  store: Parameters<typeof personMonth>[0] & {
    directory: LogHoursDirectory;
    rotations: Pick<RotationRepository, 'publishedDays'>;
  };
  clock: Clock;
  defaultTimeZone: string;
  /** Entra tenants allowed to use the bot; empty = any. */
  allowedTenantIds: readonly string[];
  logger: Logger;
  metrics: Metrics;
  /** Conversation references and reminder preferences (the proactive sender, issue 4). */
  outbound: ReminderActionDependencies['outbound'] & Parameters<typeof rememberConversation>[0]['outbound'];
  /** Per-sender rate limit (issue 5); none = unlimited. */
  senderLimit?: SenderLimit;
  /** Serializes a conversation's turns across instances (PostgreSQL, issue 8); none = this process only. */
  turnLock?: CrossInstanceLock;
  /** Support tickets and the directory reads their cards need (issue 6). */
  support: Pick<SupportHandlerDependencies, 'support' | 'directory'>;
  /** Month-end approvals (issue 4); none = the approval cards' buttons are not handled. */
  timesheets?: Pick<TimesheetActionDependencies, 'timesheets'>;
  /** Equipment requests and the directory reads their cards need (issue 6); none = not offered. */
  equipment?: Pick<EquipmentHandlerDependencies, 'equipment' | 'directory'>;
  /** Swap requests of rotations (issue 7); none = their cards' buttons are not handled. */
  rotationSwaps?: Pick<RotationSwapActionDependencies, 'swapRequests'>;
}

/** "When am I in the office?" looks two weeks ahead, today included. */
const OFFICE_DAYS_AHEAD = 14;

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
    // IT queues: `queue connectivity|equipment|all|off`, typed by an agent in a channel.
    const queueCategory = recogniseQueueCommand(facts.text);
    if (queueCategory && facts.actor && context.activity.conversation?.conversationType === 'channel') {
      await sendCard(
        context,
        await answerQueueCommand(dependencies.support, {
          actor: facts.actor,
          conversationId: facts.conversationId,
          category: queueCategory,
          locale: facts.locale,
        }),
      );
      return;
    }
    const command = recogniseCommand(facts.text);
    if (command?.command === 'help') {
      await sendCard(context, helpCard(translatorFor(replyLocale(facts, command.language))));
      return;
    }
    const actingFacts = facts.actor ? { ...facts, actor: facts.actor } : null;
    if (command && actingFacts) {
      const locale = replyLocale(facts, command.language);
      const t = translatorFor(locale);
      const known = await dependencies.store.directory.findPerson(actingFacts.actor.aadObjectId);
      if ((command.command === 'week' || command.command === 'month') && !known) {
        await sendCard(context, hoursNoticeCard(t, { text: t('hours.nothingYet'), date: null }));
        return;
      }
      if (command.command === 'week') {
        await sendCard(
          context,
          await weekCardFor({
            hours,
            viewer: actingFacts.actor.aadObjectId,
            date: facts.today,
            today: facts.today,
            t,
            locale,
          }),
        );
        return;
      }
      if (command.command === 'month') {
        const month = await personMonth(dependencies.store, {
          aadObjectId: actingFacts.actor.aadObjectId,
          month: facts.today.slice(0, 7),
          today: facts.today,
        });
        await sendCard(context, monthCard(t, { locale, month }));
        return;
      }
      if (command.command === 'officeDays') {
        const days = await dependencies.store.rotations.publishedDays({
          aadObjectIds: [actingFacts.actor.aadObjectId],
          from: facts.today,
          to: addDays(facts.today, OFFICE_DAYS_AHEAD - 1),
        });
        await sendCard(context, officeDaysCard(t, { locale, days }));
        return;
      }
      if (command.command === 'requests') {
        await sendCard(
          context,
          await myRequestsFor(
            {
              support: dependencies.support.support,
              ...(dependencies.equipment ? { equipment: dependencies.equipment.equipment } : {}),
              clock,
              defaultTimeZone,
            },
            { aadObjectId: actingFacts.actor.aadObjectId, t, locale },
          ),
        );
        return;
      }
      if (command.command === 'log') {
        const card = await logHoursCardFor(
          { directory: dependencies.store.directory },
          { actor: actingFacts.actor, today: facts.today, locale },
        );
        await sendCard(context, card);
        return;
      }
      if (command.command === 'undo') {
        const entryIds = state.conversation.lastRecordedEntryIds ?? [];
        const card =
          entryIds.length > 0
            ? await undoEntries({ hours, facts: actingFacts, entryIds, t, locale })
            : hoursNoticeCard(t, { text: t('errors.nothingToUndo'), date: null });
        state.conversation.lastRecordedEntryIds = [];
        await sendCard(context, card);
        return;
      }
    }

    // Before hours and support: "mi serve un router 4G" names a 4G word support would take.
    const equipmentWish = dependencies.equipment ? understandEquipment({ text: facts.text }) : null;
    if (equipmentWish && actingFacts && dependencies.equipment) {
      const card = await answerEquipmentMessage(
        { ...dependencies.equipment, clock, defaultTimeZone },
        {
          actor: actingFacts.actor,
          understanding: equipmentWish,
          locale: replyLocale(facts, equipmentWish.language),
        },
      );
      await sendCard(context, card);
      return;
    }

    const understanding = understandHours({ text: facts.text, localeHint: facts.locale, today: facts.today });
    if (understanding.kind !== 'not_hours' && actingFacts) {
      const locale = replyLocale(facts, understanding.language);
      const reply = await answerHoursMessage({
        hours,
        facts: actingFacts,
        understanding,
        t: translatorFor(locale),
        locale,
      });
      for (const card of reply.cards) await sendCard(context, card);
      if (reply.recordedEntryIds.length > 0) state.conversation.lastRecordedEntryIds = reply.recordedEntryIds;
      return;
    }

    const problem = understandSupport({ text: facts.text, localeHint: facts.locale });
    if (problem && actingFacts) {
      const card = await answerSupportMessage(
        { ...dependencies.support, clock, defaultTimeZone },
        {
          actor: actingFacts.actor,
          understanding: problem,
          text: facts.text,
          activityId: facts.activityId,
          locale: replyLocale(facts, problem.language),
        },
      );
      await sendCard(context, card);
      return;
    }

    const t = translatorFor(replyLocale(facts, understanding.language));
    await sendCard(context, unknownInputCard(t, { text: facts.text }));
  });

  // Universal Actions: the returned card replaces the clicked one in place. The clicker is the
  // actor — a card forwarded to someone else acts for them, and the use case checks their rights.
  app.adaptiveCards.actionExecute<unknown>(HOURS_VERBS.undo, async (context, _state, data) => {
    const facts = factsOf(context);
    const t = translatorFor(facts.locale);
    const parsed = undoActionData.safeParse(data);
    if (!parsed.success || !facts.actor)
      return hoursNoticeCard(t, { text: t('errors.nothingToUndo'), date: null });
    return undoEntries({
      hours,
      facts: { ...facts, actor: facts.actor },
      entryIds: parsed.data.entryIds,
      t,
      locale: facts.locale,
    });
  });

  app.adaptiveCards.actionExecute<unknown>(HOURS_VERBS.week, async (context, _state, data) => {
    const facts = factsOf(context);
    const t = translatorFor(facts.locale);
    const parsed = weekActionData.safeParse(data);
    if (!facts.actor) return helpCard(t);
    const date = parsed.success && parsed.data.date <= facts.today ? parsed.data.date : facts.today;
    return weekCardFor({
      hours,
      viewer: facts.actor.aadObjectId,
      date,
      today: facts.today,
      t,
      locale: facts.locale,
    });
  });

  registerLogHoursCard(app, { hours, directory: dependencies.store.directory, clock, defaultTimeZone });
  registerReminderActions(app, { outbound: dependencies.outbound, clock, defaultTimeZone });
  registerSupportCards(app, { ...dependencies.support, clock, defaultTimeZone });
  registerMyRequestsActions(app, {
    support: dependencies.support.support,
    ...(dependencies.equipment ? { equipment: dependencies.equipment.equipment } : {}),
    clock,
    defaultTimeZone,
  });
  if (dependencies.timesheets) {
    registerTimesheetActions(app, {
      timesheets: dependencies.timesheets.timesheets,
      directory: dependencies.store.directory,
      clock,
      defaultTimeZone,
    });
  }
  if (dependencies.equipment)
    registerEquipmentCards(app, { ...dependencies.equipment, clock, defaultTimeZone });
  if (dependencies.rotationSwaps) {
    registerRotationSwapActions(app, {
      swapRequests: dependencies.rotationSwaps.swapRequests,
      directory: dependencies.store.directory,
      clock,
      defaultTimeZone,
    });
  }

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
  const serializer = new TurnSerializer(dependencies.turnLock);
  const storedConversations: ConversationMemory = new Map();

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
      if (!isActivityEnvelope(body)) {
        return {
          status: 400,
          body: { error: { code: 'input.invalid', message: 'expected a Bot Framework activity' } },
        };
      }
      const activity = normaliseTimestamps(body as Activity & Record<string, unknown>);
      const type = activity.type;
      const conversationKey = `${activity.channelId ?? ''}|${activity.conversation?.id ?? ''}`;
      const senderKey = senderKeyOf(activity);
      const { senderLimit } = dependencies;
      if (senderLimit && !(await senderLimit.admit(senderKey))) {
        return answerOverLimit({ ...dependencies, senderLimit }, authorizationHeader, activity, senderKey);
      }
      const stopTimer = metrics.turnDuration.startTimer({ type });
      let turnStarted = false;

      try {
        const invokeResponse = await serializer.run(conversationKey, () =>
          adapter.processIncoming(authorizationHeader, activity, async (context) => {
            turnStarted = true;
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
            const activityKey = activity.id ? `${conversationKey}|${activity.id}` : null;
            if (activityKey && !(await activities.claim(activityKey, activity.conversation?.id ?? ''))) {
              metrics.turns.inc({ type, outcome: 'duplicate' });
              logger.info({ activityId: activity.id, type }, 'redelivered activity ignored');
              return;
            }
            await rememberConversation(
              {
                outbound: dependencies.outbound,
                clock: dependencies.clock,
                logger,
                memory: storedConversations,
              },
              context.activity,
            );
            try {
              await app.run(context);
              if (activityKey) await activities.complete(activityKey);
              metrics.turns.inc({ type, outcome: 'ok' });
            } catch (error) {
              if (activityKey) await activities.release(activityKey).catch(() => undefined);
              // The database or the connector is down: no apology, 503, and Teams delivers it again.
              if (unavailableDependency(error, { turnStarted: true })) throw error;
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
        if (isUnansweredInvoke(activity, invokeResponse?.status)) return { ...UNANSWERED_INVOKE };
        return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
      } catch (error) {
        const unavailable = unavailableDependency(error, { turnStarted });
        if (unavailable) {
          await senderLimit?.refund(senderKey).catch(() => undefined);
          metrics.turns.inc({ type, outcome: 'unavailable' });
          logger.warn(
            { activityId: activity.id, dependency: unavailable, reason: (error as Error).message },
            'bot request deferred: a dependency is unavailable',
          );
          return { ...UNAVAILABLE_RESPONSE };
        }
        if (!turnStarted) {
          await senderLimit?.refund(senderKey);
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
