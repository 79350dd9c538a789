import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { ChatIdentity } from '../domain/directory/newcomer.js';
import { reportsOf } from '../domain/directory/reports.js';
import type { OutboundPayload } from '../domain/proactive/outbound-message.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError } from '../domain/shared/errors.js';
import {
  viewOf,
  type AgentOutcome,
  type SupportRenderer,
  type SupportService,
} from '../domain/support/support-service.js';
import { QUEUE_CATEGORIES, type QueueCategory } from '../domain/support/support-ports.js';
import {
  CONNECTION_TYPES,
  HOTSPOT_ANSWERS,
  IMPACTS,
  PROBLEM_KINDS,
  ticketNumberLabel,
  type AgentAction,
  type Triage,
} from '../domain/support/ticket.js';
import { translatorFor, type Translate } from '../i18n/translate.js';
import type { SupportUnderstanding } from '../language/support/understand-support.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import {
  SUPPORT_VERBS,
  TICKET_REFRESH_VERB,
  TICKET_VERBS,
  formatInstant,
  requesterNoticeText,
  supportNoticeCard,
  ticketCard,
  ticketOpenedCard,
  triageCard,
  type PersonChoice,
} from './cards/support-card.js';
import { cardLocale, readChatTurn } from './chat-turn.js';
import { optionalInput } from './card-inputs.js';

/**
 * Support in chat (issue 6, connectivity): a recognised problem gets its first-line fix at once
 * with the triage form; the form's buttons open a ticket only when the fix did not help, or at
 * once when the person asks for a human. The IT queue's ticket card acts for the agent who clicks;
 * the service checks their right and the card's version.
 * TODO(issue 6, equipment): equipment requests have their own handlers.
 * TODO(issue 6): "my requests" and withdrawing a ticket in chat (the use case exists: applyAction 'withdrawn').
 */
export interface SupportHandlerDependencies {
  support: SupportService;
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite' | 'listPeople'>;
  clock: Clock;
  defaultTimeZone: string;
}

const MAX_TEXT = 300;

const optional = optionalInput;
const text = optional(z.string().max(MAX_TEXT));

const triageData = z.object({
  locale: optional(z.string().max(35)),
  problem: z.enum(PROBLEM_KINDS),
  summary: z.string().max(1000),
  requestId: z.string().min(1).max(100),
  subject: optional(z.string().min(1).max(200)),
  deviceOs: text,
  connectionType: optional(z.enum(CONNECTION_TYPES)),
  provider: text,
  router: text,
  country: text,
  postcode: text,
  exactError: text,
  hotspotWorks: optional(z.enum(HOTSPOT_ANSWERS)),
  speedTest: text,
  alreadyTried: text,
  impact: optional(z.enum(IMPACTS)),
});

const ticketData = z.object({
  locale: optional(z.string().max(35)),
  ticketId: z.string().min(1).max(100),
  version: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  reply: optional(z.string().max(2000)),
});

const refreshData = z.object({ locale: optional(z.string().max(35)), ticketId: z.string().min(1).max(100) });

const QUEUE_COMMAND = /^\s*queue\s+(connectivity|equipment|all|off)\s*$/i;

/** `queue connectivity|equipment|all|off`, typed in a channel; null for anything else. */
export function recogniseQueueCommand(message: string): QueueCategory | 'off' | null {
  const match = QUEUE_COMMAND.exec(message);
  const word = match?.[1]?.toLowerCase();
  if (word === 'off') return 'off';
  return QUEUE_CATEGORIES.find((category) => category === word) ?? null;
}

export async function answerQueueCommand(
  dependencies: Pick<SupportHandlerDependencies, 'support'>,
  request: { actor: ChatIdentity; conversationId: string; category: QueueCategory | 'off'; locale: string },
): Promise<AdaptiveCard> {
  const t = translatorFor(request.locale);
  try {
    const outcome = await dependencies.support.registerQueue({
      actorAadObjectId: request.actor.aadObjectId,
      conversationId: request.conversationId,
      category: request.category,
      locale: request.locale,
    });
    if ('registered' in outcome)
      return supportNoticeCard(
        t('support.queue.registered', {
          category: t(`support.queue.category.${outcome.registered.category}`),
        }),
      );
    return supportNoticeCard(t(outcome.removed > 0 ? 'support.queue.off' : 'support.queue.offNothing'));
  } catch (error) {
    if (isDomainError(error) && error.code === 'auth.forbidden')
      return supportNoticeCard(t('support.queue.refused'));
    throw error;
  }
}

/** Whom `actor` may report for: themself, then the people below them (store managers). */
async function reportingChoices(
  directory: SupportHandlerDependencies['directory'],
  actor: ChatIdentity,
): Promise<PersonChoice[]> {
  const self = { aadObjectId: actor.aadObjectId, displayName: actor.displayName || actor.aadObjectId };
  const person = await directory.findPerson(actor.aadObjectId);
  if (!person) return [self];
  const reports = await reportsOf(directory, person.aadObjectId);
  return [
    { ...self, displayName: person.displayName },
    ...reports.map(({ aadObjectId, displayName }) => ({ aadObjectId, displayName })),
  ];
}

/** The reply to a message recognised as a support problem. */
export async function answerSupportMessage(
  dependencies: SupportHandlerDependencies,
  request: {
    actor: ChatIdentity;
    understanding: SupportUnderstanding;
    text: string;
    activityId: string | undefined;
    locale: string;
  },
): Promise<AdaptiveCard> {
  const { actor, understanding, locale } = request;
  if (understanding.wantsPerson) {
    const opened = await dependencies.support.openTicket({
      actor: { aadObjectId: actor.aadObjectId, displayName: actor.displayName, locale },
      problem: understanding.problem,
      summary: request.text,
      triage: {},
      personRequested: true,
      sourceKey: `chat:${request.activityId ?? randomUUID()}`,
    });
    return ticketOpenedCard(translatorFor(locale), {
      locale,
      ticket: opened.ticket,
      timeZone: dependencies.defaultTimeZone,
      created: opened.created,
    });
  }
  return triageCard(translatorFor(locale), {
    locale,
    problem: understanding.problem,
    summary: request.text.slice(0, 1000),
    requestId: randomUUID(),
    people: await reportingChoices(dependencies.directory, actor),
  });
}

const TICKET_ACTIONS: Record<(typeof TICKET_VERBS)[keyof typeof TICKET_VERBS], AgentAction> = {
  [TICKET_VERBS.assign]: 'assigned',
  [TICKET_VERBS.reply]: 'replied',
  [TICKET_VERBS.waiting]: 'waiting',
  [TICKET_VERBS.resolve]: 'resolved',
  [TICKET_VERBS.reopen]: 'reopened',
};

/** The triage form's and the ticket card's Universal Actions. */
export function registerSupportCards<TState extends TurnState>(
  app: Application<TState>,
  dependencies: SupportHandlerDependencies,
): void {
  const { support, directory, clock, defaultTimeZone } = dependencies;

  const turnOf = (context: TurnContext, data: unknown) => {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const locale = cardLocale(data, facts.locale);
    return { facts, locale, t: translatorFor(locale) };
  };

  async function openFromForm(context: TurnContext, data: unknown, personRequested: boolean) {
    const { facts, locale, t } = turnOf(context, data);
    const parsed = triageData.safeParse(data);
    if (!facts.actor || !parsed.success) return supportNoticeCard(t('errors.apology'));
    const form = parsed.data;
    const triage: Triage = Object.fromEntries(
      (
        [
          'deviceOs',
          'connectionType',
          'provider',
          'router',
          'country',
          'postcode',
          'exactError',
          'hotspotWorks',
          'speedTest',
          'alreadyTried',
          'impact',
        ] as const
      ).flatMap((key) => (form[key] === undefined ? [] : [[key, form[key]]])),
    );
    try {
      const opened = await support.openTicket({
        actor: { aadObjectId: facts.actor.aadObjectId, displayName: facts.actor.displayName, locale },
        ...(form.subject ? { subjectAadObjectId: form.subject } : {}),
        problem: form.problem,
        summary: form.summary,
        triage,
        personRequested,
        sourceKey: `form:${form.requestId}`,
      });
      return ticketOpenedCard(t, {
        locale,
        ticket: opened.ticket,
        timeZone: defaultTimeZone,
        created: opened.created,
      });
    } catch (error) {
      if (isDomainError(error) && error.code === 'auth.forbidden')
        return supportNoticeCard(t('support.notice.mayNotReportFor'));
      throw error;
    }
  }

  app.adaptiveCards.actionExecute<unknown>(SUPPORT_VERBS.fixed, async (context, _state, data) => {
    const { t } = turnOf(context, data);
    return supportNoticeCard(t('support.gladFixed'));
  });
  app.adaptiveCards.actionExecute<unknown>(SUPPORT_VERBS.submit, (context, _state, data) =>
    openFromForm(context, data, false),
  );
  app.adaptiveCards.actionExecute<unknown>(SUPPORT_VERBS.person, (context, _state, data) =>
    openFromForm(context, data, true),
  );

  const noticeOf = (t: Translate, outcome: AgentOutcome): string | null => {
    switch (outcome.outcome) {
      case 'done':
        return null;
      case 'conflict':
        return t('support.notice.conflict');
      case 'forbidden':
        return t('support.notice.forbidden');
      case 'not_allowed_now':
        return t('support.notice.notNow', { status: t(`support.status.${outcome.ticket.status}`) });
    }
  };

  app.adaptiveCards.actionExecute<unknown>(TICKET_REFRESH_VERB, async (context, _state, data) => {
    const { locale, t } = turnOf(context, data);
    const parsed = refreshData.safeParse(data);
    const ticket = parsed.success ? await support.findTicket(parsed.data.ticketId) : null;
    if (!ticket) return supportNoticeCard(t('support.notice.notFound'));
    return ticketCard(t, { ...(await viewOf(directory, ticket)), locale, timeZone: defaultTimeZone });
  });

  for (const [verb, action] of Object.entries(TICKET_ACTIONS)) {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
      const { facts, locale, t } = turnOf(context, data);
      const parsed = ticketData.safeParse(data);
      if (!parsed.success) return supportNoticeCard(t('support.notice.notFound'));
      const render = async (ticket: NonNullable<AgentOutcome>['ticket'], notice: string | null) =>
        ticketCard(t, { ...(await viewOf(directory, ticket)), locale, timeZone: defaultTimeZone, notice });
      if (action === 'replied' && !parsed.data.reply) {
        const ticket = await support.findTicket(parsed.data.ticketId);
        return ticket
          ? render(ticket, t('support.notice.replyEmpty'))
          : supportNoticeCard(t('support.notice.notFound'));
      }
      const outcome = facts.actor
        ? await support.act({
            ticketId: parsed.data.ticketId,
            expectedVersion: parsed.data.version,
            action,
            actorAadObjectId: facts.actor.aadObjectId,
            note: action === 'replied' ? (parsed.data.reply ?? null) : null,
          })
        : null;
      if (!outcome) return supportNoticeCard(t('support.notice.notFound'));
      return render(outcome.ticket, noticeOf(t, outcome));
    });
  }
}

/** How support's notices look: cards in the recipient's language. */
export function supportRenderer(options: { timeZone: string }): SupportRenderer {
  const card = (adaptive: AdaptiveCard): OutboundPayload => ({
    kind: 'card',
    card: { ...adaptive },
    ...(adaptive.fallbackText ? { fallbackText: adaptive.fallbackText } : {}),
  });
  return {
    queueCard: (view, locale) =>
      card(ticketCard(translatorFor(locale), { ...view, locale, timeZone: options.timeZone })),
    requesterNotice: (ticket, event, actorName) =>
      card(
        supportNoticeCard(
          requesterNoticeText(translatorFor(ticket.requesterLocale), ticket, event, actorName),
        ),
      ),
    escalationNotice: (view, locale) => {
      const t = translatorFor(locale);
      const { ticket } = view;
      return card(
        supportNoticeCard(
          t('support.escalated', {
            number: ticketNumberLabel(ticket.number),
            due: formatInstant(locale, ticket.firstAnswerDueAt, options.timeZone),
            priority: t(`support.priority.${ticket.priority}`),
            requester: ticket.requesterName,
            site: view.siteName ?? t('support.card.noSite'),
            problem: t(`support.problem.${ticket.problem}`),
          }),
        ),
      );
    },
    unroutedNotice: (ticket, locale) => {
      const t = translatorFor(locale);
      return card(
        supportNoticeCard(
          t('support.unrouted', {
            number: ticketNumberLabel(ticket.number),
            problem: t(`support.problem.${ticket.problem}`),
          }),
        ),
      );
    },
  };
}
