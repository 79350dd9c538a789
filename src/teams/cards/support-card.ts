/**
 * Support cards, pure: the first-line fix with the triage form (chat), the ticket card of the IT
 * queue (channel), and the short notices. View model in, Adaptive Card JSON out.
 */
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import type { TicketView } from '../../domain/support/support-service.js';
import {
  CONNECTION_TYPES,
  HOTSPOT_ANSWERS,
  IMPACTS,
  ticketNumberLabel,
  type ProblemKind,
  type Ticket,
  type TicketEvent,
} from '../../domain/support/ticket.js';
import type { Translate } from '../../i18n/translate.js';
import { adaptiveCard, heading, paragraph, type AdaptiveCard, type CardElement } from './adaptive-card.js';

export const SUPPORT_VERBS = {
  submit: 'support.submit',
  fixed: 'support.fixed',
  person: 'support.person',
} as const;

/** Universal Actions refresh: Teams asks for the current card whenever someone views it. */
export const TICKET_REFRESH_VERB = 'ticket.refresh';

export const TICKET_VERBS = {
  assign: 'ticket.assign',
  reply: 'ticket.reply',
  waiting: 'ticket.waiting',
  resolve: 'ticket.resolve',
  reopen: 'ticket.reopen',
} as const;

/** Inputs of the triage form, in the order shown; the ids are the form's data keys. */
export const TRIAGE_TEXT_FIELDS = [
  'deviceOs',
  'provider',
  'router',
  'country',
  'postcode',
  'exactError',
  'speedTest',
  'alreadyTried',
] as const;

export interface PersonChoice {
  aadObjectId: string;
  displayName: string;
}

/** "Monday 30 November, 09:00" on the wall clock of `timeZone`, in the card's language. */
export function formatInstant(locale: string, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(supportedLocaleOf(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

/** One TextBlock per line: Teams does not break a TextBlock at a single newline. */
function lines(text: string): CardElement[] {
  return text.split('\n').map((line) => paragraph(line, { spacing: 'Small' }));
}

function choiceSet(id: string, label: string, choices: { title: string; value: string }[]): CardElement {
  return { type: 'Input.ChoiceSet', id, label, style: 'compact', choices, value: '' };
}

function textInput(id: string, label: string, multiline = false): CardElement {
  return { type: 'Input.Text', id, label, maxLength: 300, ...(multiline ? { isMultiline: true } : {}) };
}

/** The first-line fix for `problem`, then the form that opens a ticket if the fix did not help. */
export function triageCard(
  t: Translate,
  view: {
    locale: string;
    problem: ProblemKind;
    summary: string;
    /** Identifies this form: a double-clicked submit opens one ticket. */
    requestId: string;
    /** Whom the reporter may report for: themself first; more than one shows a "for" choice. */
    people: PersonChoice[];
  },
): AdaptiveCard {
  const field = (key: (typeof TRIAGE_TEXT_FIELDS)[number]) => t(`support.field.${key}`);
  const body: CardElement[] = [
    heading(t(`support.problem.${view.problem}`)),
    paragraph(t('support.fixTitle'), { spacing: 'Medium' }),
    ...lines(t(`support.fix.${view.problem}`)),
    heading(t('support.triageTitle')),
    paragraph(t('support.triageIntro'), { subtle: true }),
  ];
  if (view.people.length > 1) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'subject',
      label: t('support.field.for'),
      style: 'compact',
      value: view.people[0]!.aadObjectId,
      choices: view.people.map((person) => ({ title: person.displayName, value: person.aadObjectId })),
    });
  }
  body.push(
    textInput('deviceOs', field('deviceOs')),
    choiceSet(
      'connectionType',
      t('support.field.connectionType'),
      CONNECTION_TYPES.map((value) => ({ title: t(`support.connectionType.${value}`), value })),
    ),
    textInput('provider', field('provider')),
    textInput('router', field('router')),
    textInput('country', field('country')),
    textInput('postcode', field('postcode')),
    textInput('exactError', field('exactError'), true),
    choiceSet(
      'hotspotWorks',
      t('support.field.hotspotWorks'),
      HOTSPOT_ANSWERS.map((value) => ({ title: t(`support.hotspot.${value}`), value })),
    ),
    textInput('speedTest', field('speedTest')),
    textInput('alreadyTried', field('alreadyTried'), true),
    choiceSet(
      'impact',
      t('support.field.impact'),
      IMPACTS.map((value) => ({ title: t(`support.impact.${value}`), value })),
    ),
  );
  const data = {
    locale: view.locale,
    problem: view.problem,
    summary: view.summary,
    requestId: view.requestId,
  };
  return adaptiveCard(
    body,
    [
      { type: 'Action.Execute', title: t('support.actions.fixed'), verb: SUPPORT_VERBS.fixed, data },
      {
        type: 'Action.Execute',
        title: t('support.actions.submit'),
        verb: SUPPORT_VERBS.submit,
        data,
        style: 'positive',
      },
      {
        type: 'Action.Execute',
        title: t('support.actions.person'),
        verb: SUPPORT_VERBS.person,
        data,
        associatedInputs: 'auto',
      },
    ],
    t(`support.problem.${view.problem}`),
  );
}

export function supportNoticeCard(text: string): AdaptiveCard {
  return adaptiveCard([paragraph(text)], [], text);
}

/** What the requester sees once a ticket is open (or was already). */
export function ticketOpenedCard(
  t: Translate,
  view: { locale: string; ticket: Ticket; timeZone: string; created: boolean },
): AdaptiveCard {
  const number = ticketNumberLabel(view.ticket.number);
  const text = view.created
    ? t('support.ticketOpened', {
        number,
        problem: t(`support.problem.${view.ticket.problem}`),
        due: formatInstant(view.locale, view.ticket.firstAnswerDueAt, view.timeZone),
      })
    : t('support.ticketExists', { number });
  return adaptiveCard([heading(number), paragraph(text)], [], text);
}

/** The ticket as the IT queue sees it: every triage answer, the SLA clock and the actions. */
export function ticketCard(
  t: Translate,
  view: TicketView & { locale: string; timeZone: string; notice?: string | null },
): AdaptiveCard {
  const { ticket, locale } = view;
  const facts: { title: string; value: string }[] = [
    { title: t('support.card.status'), value: t(`support.status.${ticket.status}`) },
    { title: t('support.card.priority'), value: t(`support.priority.${ticket.priority}`) },
    { title: t('support.card.due'), value: formatInstant(locale, ticket.firstAnswerDueAt, view.timeZone) },
    { title: t('support.card.requester'), value: ticket.requesterName },
    { title: t('support.card.site'), value: view.siteName ?? t('support.card.noSite') },
    { title: t('support.card.assignee'), value: view.assigneeName ?? t('support.card.nobody') },
  ];
  if (ticket.firstAnsweredAt)
    facts.push({
      title: t('support.card.answered'),
      value: formatInstant(locale, ticket.firstAnsweredAt, view.timeZone),
    });
  if (ticket.reporterAadObjectId !== ticket.requesterAadObjectId)
    facts.push({ title: t('support.card.reporter'), value: view.reporterName });
  const triage = ticket.triage;
  const answers: [string, string | undefined][] = [
    [t('support.field.impact'), triage.impact ? t(`support.impact.${triage.impact}`) : undefined],
    [t('support.field.deviceOs'), triage.deviceOs],
    [
      t('support.field.connectionType'),
      triage.connectionType ? t(`support.connectionType.${triage.connectionType}`) : undefined,
    ],
    [t('support.field.provider'), triage.provider],
    [t('support.field.router'), triage.router],
    [t('support.field.country'), triage.country],
    [t('support.field.postcode'), triage.postcode],
    [t('support.field.exactError'), triage.exactError],
    [
      t('support.field.hotspotWorks'),
      triage.hotspotWorks ? t(`support.hotspot.${triage.hotspotWorks}`) : undefined,
    ],
    [t('support.field.speedTest'), triage.speedTest],
    [t('support.field.alreadyTried'), triage.alreadyTried],
  ];
  for (const [title, value] of answers) if (value) facts.push({ title, value });

  const body: CardElement[] = [];
  if (view.notice) body.push({ type: 'TextBlock', text: view.notice, wrap: true, color: 'Attention' });
  body.push(
    heading(`${ticketNumberLabel(ticket.number)} · ${t(`support.problem.${ticket.problem}`)}`),
    paragraph(ticket.summary),
  );
  if (ticket.personRequested) body.push(paragraph(t('support.card.personRequested'), { subtle: true }));
  body.push({ type: 'FactSet', facts });

  const data = { ticketId: ticket.id, version: ticket.version, locale };
  const action = (verb: string, title: string) => ({ type: 'Action.Execute', title, verb, data });
  const open = ticket.status !== 'resolved' && ticket.status !== 'withdrawn';
  const actions = [];
  if (open) {
    body.push(textInput('reply', t('support.actions.replyLabel'), true));
    actions.push(action(TICKET_VERBS.assign, t('support.actions.assign')));
    actions.push(action(TICKET_VERBS.reply, t('support.actions.reply')));
    if (ticket.status !== 'waiting') actions.push(action(TICKET_VERBS.waiting, t('support.actions.waiting')));
    actions.push(action(TICKET_VERBS.resolve, t('support.actions.resolve')));
  } else if (ticket.status === 'resolved') {
    actions.push(action(TICKET_VERBS.reopen, t('support.actions.reopen')));
  }
  return {
    ...adaptiveCard(body, actions, ticketNumberLabel(ticket.number)),
    msteams: { width: 'Full' },
    // No userIds: in an IT channel of up to 60 members Teams refreshes the card for everyone who
    // looks at it, so forty open tickets never show a stale status or assignee.
    refresh: {
      action: {
        type: 'Action.Execute',
        title: t('support.actions.refresh'),
        verb: TICKET_REFRESH_VERB,
        data: { ticketId: ticket.id, locale },
      },
    },
  };
}

/** What the requester is told about a change of their ticket. */
export function requesterNoticeText(
  t: Translate,
  ticket: Ticket,
  event: Pick<TicketEvent, 'action' | 'note'>,
  actorName: string,
): string {
  const number = ticketNumberLabel(ticket.number);
  switch (event.action) {
    case 'opened':
      return t('support.requester.opened', { reporter: actorName, number });
    case 'assigned':
      return t('support.requester.assigned', { agent: actorName, number });
    case 'replied':
      return t('support.requester.replied', { number, note: event.note ?? '' });
    case 'waiting':
      return t('support.requester.waiting', { number });
    case 'resolved':
      return t('support.requester.resolved', { number });
    case 'reopened':
      return t('support.requester.reopened', { number });
    case 'withdrawn':
      return t('support.requester.withdrawn', { number });
  }
}
