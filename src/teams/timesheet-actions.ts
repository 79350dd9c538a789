import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { OutboundPayload } from '../domain/proactive/outbound-message.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError, type DomainError } from '../domain/shared/errors.js';
import type { TeamMonth, TimesheetRenderer, TimesheetService } from '../domain/hours/timesheet-service.js';
import { formatMonth } from '../i18n/format.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import { adaptiveCard, paragraph, type AdaptiveCard } from './cards/adaptive-card.js';
import {
  TIMESHEET_VERBS,
  teamTimesheetsCard,
  timesheetDecisionCard,
  timesheetResubmittedCard,
} from './cards/timesheet-card.js';
import { readChatTurn } from './chat-turn.js';
import { optionalInput } from './card-inputs.js';

export interface TimesheetActionDependencies {
  timesheets: TimesheetService;
  directory: Pick<DirectoryRepository, 'findPerson'>;
  clock: Clock;
  defaultTimeZone: string;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const locale = optionalInput(z.string().max(35));
const decisionData = z.object({
  subject: z.string().min(1).max(200),
  month,
  locale,
  comment: optionalInput(z.string().max(500)),
});
const monthData = z.object({ month, locale });

function noticeCard(text: string): AdaptiveCard {
  return adaptiveCard([paragraph(text)], [], text);
}

/** The sentence for a refusal the clicker can understand; null for our own failures. */
function refusalOf(error: DomainError, t: Translate, readerLocale: string): string | null {
  switch (error.code) {
    case 'auth.forbidden':
      return t('timesheets.notAllowed');
    case 'timesheet.comment_required':
      return t('timesheets.commentRequired');
    case 'timesheet.not_found':
      return t('timesheets.notRequested');
    case 'timesheet.stale':
      return t('timesheets.stale');
    case 'hours.month_locked':
      return t('timesheets.locked', { month: formatMonth(readerLocale, String(error.details.month)) });
    default:
      return null;
  }
}

/**
 * The approval cards' buttons (Action.Execute). They act for whoever clicks: the service checks
 * that the clicker manages the person, so a card forwarded to a colleague changes nothing for
 * them. The answer is the card redrawn from what is stored now.
 */
export function registerTimesheetActions<TState extends TurnState>(
  app: Application<TState>,
  dependencies: TimesheetActionDependencies,
): void {
  const { timesheets, directory, clock, defaultTimeZone } = dependencies;

  const turnOf = async (context: TurnContext, data: unknown) => {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const given = monthData.partial().safeParse(data);
    const readerLocale = (given.success ? given.data.locale : undefined) ?? facts.locale;
    const actor = facts.actor ? await directory.findPerson(facts.actor.aadObjectId) : null;
    return { facts, actor, readerLocale, t: translatorFor(readerLocale) };
  };

  /** Runs a manager's action and answers with their team card, a refusal above it if any. */
  async function managerAction(
    context: TurnContext,
    data: unknown,
    act: (
      actor: NonNullable<Awaited<ReturnType<typeof turnOf>>['actor']>,
      today: string,
    ) => Promise<TeamMonth>,
  ): Promise<AdaptiveCard> {
    const { facts, actor, readerLocale, t } = await turnOf(context, data);
    if (!actor) return noticeCard(t('timesheets.notAllowed'));
    try {
      return teamTimesheetsCard(t, await act(actor, facts.today));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const refusal = refusalOf(error, t, readerLocale);
      if (refusal === null) throw error;
      const parsed = monthData.safeParse(data);
      if (!parsed.success || error.code === 'auth.forbidden') return noticeCard(refusal);
      const team = await timesheets.teamMonth({ actor, month: parsed.data.month, today: facts.today });
      return teamTimesheetsCard(t, team, refusal);
    }
  }

  for (const [verb, decision] of [
    [TIMESHEET_VERBS.approve, 'approve'],
    [TIMESHEET_VERBS.sendBack, 'send_back'],
  ] as const) {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
      const parsed = decisionData.safeParse(data);
      if (!parsed.success) return noticeCard((await turnOf(context, data)).t('timesheets.unreadable'));
      return managerAction(context, data, async (actor, today) => {
        const outcome = await timesheets.decide({
          actor,
          subjectAadObjectId: parsed.data.subject,
          month: parsed.data.month,
          decision,
          comment: parsed.data.comment ?? null,
          today,
        });
        return outcome.team;
      });
    });
  }

  app.adaptiveCards.actionExecute<unknown>(TIMESHEET_VERBS.approveComplete, async (context, _state, data) => {
    const parsed = monthData.safeParse(data);
    if (!parsed.success) return noticeCard((await turnOf(context, data)).t('timesheets.unreadable'));
    return managerAction(context, data, async (actor, today) => {
      return (await timesheets.approveComplete({ actor, month: parsed.data.month, today })).team;
    });
  });

  app.adaptiveCards.actionExecute<unknown>(TIMESHEET_VERBS.resubmit, async (context, _state, data) => {
    const { facts, actor, readerLocale, t } = await turnOf(context, data);
    const parsed = monthData.safeParse(data);
    if (!actor || !parsed.success) return noticeCard(t('timesheets.notRequested'));
    try {
      const approval = await timesheets.resubmit({ actor, month: parsed.data.month, today: facts.today });
      const managerId = approval?.approverAadObjectId ?? actor.managerAadObjectId;
      const manager = managerId ? await directory.findPerson(managerId) : null;
      return timesheetResubmittedCard(t, { managerName: manager?.displayName ?? '' });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.code === 'timesheet.already_approved') {
        return noticeCard(t('timesheets.statusApproved'));
      }
      const refusal = refusalOf(error, t, readerLocale);
      if (refusal === null) throw error;
      return noticeCard(refusal);
    }
  });
}

/** How month-end messages look: cards in the recipient's directory language. */
export function timesheetRenderer(): TimesheetRenderer {
  const card = (adaptive: AdaptiveCard): OutboundPayload => ({
    kind: 'card',
    card: adaptive as unknown as Record<string, unknown>,
    ...(adaptive.fallbackText ? { fallbackText: adaptive.fallbackText } : {}),
  });
  return {
    approvalRequest: (team) => card(teamTimesheetsCard(translatorFor(team.manager.locale), team)),
    decisionNotice: (approval, managerName, recipientLocale) =>
      card(
        timesheetDecisionCard(translatorFor(recipientLocale), {
          approval,
          managerName,
          locale: recipientLocale,
        }),
      ),
  };
}
