import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { OutboundPayload, OutboundRepository } from '../domain/proactive/outbound-message.js';
import type { ReminderDue } from '../domain/proactive/reminders.js';
import type { Clock } from '../domain/shared/clock.js';
import { translatorFor } from '../i18n/translate.js';
import {
  REMINDER_VERBS,
  reminderCard,
  reminderNoticeCard,
  reminderSnoozedCard,
  remindersOffCard,
  remindersOnCard,
} from './cards/reminder-card.js';
import { readChatTurn } from './chat-turn.js';

export interface ReminderActionDependencies {
  outbound: Pick<OutboundRepository, 'snoozeReminders' | 'setRemindersOptOut'>;
  clock: Clock;
  defaultTimeZone: string;
  /** "Remind me in 1 hour". */
  snoozeMinutes?: number;
}

const actionData = z.object({ locale: z.string().max(35).optional() }).passthrough();

/** `HH:MM` of an instant on the person's wall clock. */
function wallClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/**
 * The reminder card's buttons (Action.Execute; the returned card replaces the reminder in place).
 * They act for whoever clicks: a forwarded reminder snoozes the clicker's reminders, nobody else's.
 * "Log my day" is the existing `hours.openLog` handler.
 */
export function registerReminderActions<TState extends TurnState>(
  app: Application<TState>,
  dependencies: ReminderActionDependencies,
): void {
  const { outbound, clock, defaultTimeZone } = dependencies;
  const snoozeMinutes = dependencies.snoozeMinutes ?? 60;

  const turnOf = (context: TurnContext, data: unknown) => {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const parsed = actionData.safeParse(data);
    const locale = (parsed.success ? parsed.data.locale : undefined) || facts.locale;
    return { facts, locale, t: translatorFor(locale) };
  };

  app.adaptiveCards.actionExecute<unknown>(REMINDER_VERBS.snooze, async (context, _state, data) => {
    const { facts, t } = turnOf(context, data);
    if (!facts.actor) return reminderNoticeCard(t);
    const until = new Date(clock.now().getTime() + snoozeMinutes * 60_000);
    await outbound.snoozeReminders(facts.actor.aadObjectId, until.toISOString());
    return reminderSnoozedCard(t, { time: wallClock(until, facts.timeZone) });
  });

  app.adaptiveCards.actionExecute<unknown>(REMINDER_VERBS.off, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    if (!facts.actor) return reminderNoticeCard(t);
    await outbound.setRemindersOptOut(facts.actor.aadObjectId, true);
    return remindersOffCard(t, { locale });
  });

  app.adaptiveCards.actionExecute<unknown>(REMINDER_VERBS.on, async (context, _state, data) => {
    const { facts, t } = turnOf(context, data);
    if (!facts.actor) return reminderNoticeCard(t);
    await outbound.setRemindersOptOut(facts.actor.aadObjectId, false);
    return remindersOnCard(t);
  });
}

/** The queued form of a reminder: the card in the person's directory locale. */
export function reminderPayload(due: ReminderDue, displayName: string): OutboundPayload {
  const t = translatorFor(due.locale);
  const name = displayName.split(' ')[0] || displayName;
  return {
    kind: 'card',
    card: { ...reminderCard(t, { locale: due.locale, date: due.date, name }) },
    fallbackText: t('reminders.title'),
  };
}
