/**
 * Equipment cards, pure: the request form with what the person holds (chat), the answers to a
 * submitted form, the manager's approval card, the IT queue card with the fulfilment actions, and
 * the requester's notices. View model in, Adaptive Card JSON out.
 */
import type { EquipmentKind } from '../../domain/equipment/catalogue.js';
import type { EquipmentView } from '../../domain/equipment/equipment-service.js';
import {
  requestNumberLabel,
  type DuplicateFinding,
  type EquipmentEvent,
  type EquipmentRequest,
} from '../../domain/equipment/equipment-request.js';
import { calendarDateIn } from '../../domain/shared/calendar-date.js';
import { formatCalendarDate } from '../../i18n/format.js';
import type { Translate } from '../../i18n/translate.js';
import {
  adaptiveCard,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card.js';

export const EQUIPMENT_VERBS = {
  submit: 'equipment.submit',
  cancel: 'equipment.cancel',
  approve: 'equipment.approve',
  reject: 'equipment.reject',
  order: 'equipment.order',
  allocate: 'equipment.allocate',
  ship: 'equipment.ship',
  receive: 'equipment.receive',
  return: 'equipment.return',
  withdraw: 'equipment.withdraw',
  /** The queue card as the request is now (after the requester confirmed receipt). */
  refresh: 'equipment.refresh',
} as const;

/** What the request form holds; carried in the buttons of the cards that follow it. */
export interface EquipmentFormValues {
  kind?: EquipmentKind | undefined;
  details?: string | undefined;
  reason?: string | undefined;
  delivery?: 'home' | 'site' | undefined;
  address?: string | undefined;
  siteId?: string | undefined;
}

const label = (number: number) => requestNumberLabel(number);

function notice(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true, color: 'Attention' };
}

function textInput(
  id: string,
  title: string,
  value: string | undefined,
  options: { multiline?: boolean; maxLength?: number } = {},
): CardElement {
  return {
    type: 'Input.Text',
    id,
    label: title,
    maxLength: options.maxLength ?? 300,
    ...(options.multiline ? { isMultiline: true } : {}),
    ...(value ? { value } : {}),
  };
}

function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: 'positive' | 'destructive',
): CardAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

function since(locale: string, instant: string, timeZone: string): string {
  return formatCalendarDate(locale, calendarDateIn(new Date(instant), timeZone));
}

/** The buttons a requester has on their own requests: confirm receipt, return, withdraw. */
export function ownActions(t: Translate, locale: string, request: EquipmentRequest): CardAction[] {
  const data = { requestId: request.id, version: request.version, locale };
  const number = label(request.number);
  switch (request.status) {
    case 'shipped':
      return [execute(t('equipment.mine.receive', { number }), EQUIPMENT_VERBS.receive, data, 'positive')];
    case 'received':
      return [execute(t('equipment.mine.return', { number }), EQUIPMENT_VERBS.return, data)];
    case 'pending_approval':
    case 'approved':
    case 'ordered':
      return [execute(t('equipment.mine.withdraw', { number }), EQUIPMENT_VERBS.withdraw, data)];
    default:
      return [];
  }
}

/**
 * The request form, with what the person holds and has asked for above it (so that a duplicate is
 * visible before it is asked for).
 */
export function equipmentFormCard(
  t: Translate,
  view: {
    locale: string;
    timeZone: string;
    /** Identifies this form: a double-clicked submit makes one request. */
    requestId: string;
    kinds: readonly EquipmentKind[];
    sites: readonly { id: string; name: string }[];
    defaultSiteId: string | null;
    /** The person's requests, newest first: held ones and open ones are listed. */
    own: readonly EquipmentRequest[];
    values?: EquipmentFormValues;
    notice?: string | null;
  },
): AdaptiveCard {
  const values = view.values ?? {};
  const body: CardElement[] = [];
  if (view.notice) body.push(notice(view.notice));
  body.push(heading(t('equipment.form.title')), paragraph(t('equipment.form.intro'), { subtle: true }));

  const held = view.own.filter((request) => request.status === 'received');
  const open = view.own.filter((request) =>
    ['pending_approval', 'approved', 'ordered', 'allocated', 'shipped'].includes(request.status),
  );
  const listed = (
    title: string,
    requests: EquipmentRequest[],
    line: (request: EquipmentRequest) => string,
  ) => {
    if (requests.length === 0) return;
    body.push(paragraph(title, { spacing: 'Medium' }));
    for (const request of requests) {
      body.push(paragraph(line(request), { spacing: 'Small' }));
      const actions = ownActions(t, view.locale, request);
      if (actions.length > 0) body.push({ type: 'ActionSet', actions });
    }
  };
  listed(t('equipment.mine.holdingsTitle'), held, (request) =>
    t('equipment.mine.holding', {
      kind: t(`equipment.kind.${request.kind}`),
      assetTag: request.assetTag ?? request.serial ?? '—',
      since: since(view.locale, request.receivedAt ?? request.updatedAt, view.timeZone),
    }),
  );
  listed(t('equipment.mine.openTitle'), open, (request) =>
    t('equipment.mine.request', {
      number: label(request.number),
      kind: t(`equipment.kind.${request.kind}`),
      status: t(`equipment.status.${request.status}`),
    }),
  );

  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'kind',
      label: t('equipment.form.kind'),
      style: 'compact',
      isRequired: true,
      value: values.kind ?? '',
      choices: view.kinds.map((kind) => ({ title: t(`equipment.kind.${kind}`), value: kind })),
    },
    textInput('details', t('equipment.form.details'), values.details),
    textInput('reason', t('equipment.form.reason'), values.reason, { multiline: true, maxLength: 500 }),
    {
      type: 'Input.ChoiceSet',
      id: 'delivery',
      label: t('equipment.form.delivery'),
      style: 'expanded',
      value: values.delivery ?? 'home',
      choices: [
        { title: t('equipment.form.deliveryHome'), value: 'home' },
        { title: t('equipment.form.deliverySite'), value: 'site' },
      ],
    },
    textInput('address', t('equipment.form.address'), values.address),
    {
      type: 'Input.ChoiceSet',
      id: 'siteId',
      label: t('equipment.form.site'),
      style: 'filtered',
      value: values.siteId ?? view.defaultSiteId ?? '',
      choices: view.sites.map((site) => ({ title: site.name, value: site.id })),
    },
  );
  return adaptiveCard(
    body,
    [
      execute(
        t('equipment.form.submit'),
        EQUIPMENT_VERBS.submit,
        { locale: view.locale, requestId: view.requestId },
        'positive',
      ),
    ],
    t('equipment.form.title'),
  );
}

export function equipmentNoticeCard(text: string): AdaptiveCard {
  return adaptiveCard([paragraph(text)], [], text);
}

/** What the requester sees once the form made its request(s). */
export function requestsSentCard(
  t: Translate,
  view: { requests: readonly EquipmentRequest[]; approverName: string | null; created: boolean },
): AdaptiveCard {
  const lines = view.requests.map((request) => {
    const number = label(request.number);
    const kind = t(`equipment.kind.${request.kind}`);
    if (!view.created)
      return t('equipment.exists', { number, kind, status: t(`equipment.status.${request.status}`) });
    return view.approverName
      ? t('equipment.submitted', { number, kind, approver: view.approverName })
      : t('equipment.submittedToAdmins', { number, kind });
  });
  return adaptiveCard(
    lines.map((line) => paragraph(line)),
    [],
    lines.join('\n'),
  );
}

/** "You already hold one / have one on the way": confirm to ask for another, or cancel. */
export function duplicateCard(
  t: Translate,
  view: { locale: string; requestId: string; values: EquipmentFormValues; finding: DuplicateFinding },
): AdaptiveCard {
  const lines = [
    ...view.finding.holds.map((request) =>
      t('equipment.duplicate.holds', {
        kind: t(`equipment.kind.${request.kind}`),
        number: label(request.number),
      }),
    ),
    ...view.finding.pending.map((request) =>
      t('equipment.duplicate.pending', {
        kind: t(`equipment.kind.${request.kind}`),
        number: label(request.number),
        status: t(`equipment.status.${request.status}`),
      }),
    ),
  ];
  const data = { ...view.values, locale: view.locale, requestId: view.requestId };
  return adaptiveCard(
    [
      ...lines.map((line) => paragraph(line)),
      paragraph(t('equipment.duplicate.confirmIntro'), { spacing: 'Medium' }),
    ],
    [
      execute(t('equipment.duplicate.confirm'), EQUIPMENT_VERBS.submit, { ...data, confirmDuplicate: true }),
      execute(t('equipment.cancel'), EQUIPMENT_VERBS.cancel, { locale: view.locale }),
    ],
    lines.join('\n'),
  );
}

/** VPN access without a company laptop: propose both. */
export function laptopProposalCard(
  t: Translate,
  view: { locale: string; requestId: string; values: EquipmentFormValues },
): AdaptiveCard {
  const data = { ...view.values, locale: view.locale, requestId: view.requestId };
  return adaptiveCard(
    [
      paragraph(t('equipment.laptop.required')),
      paragraph(t('equipment.laptop.propose'), { spacing: 'Medium' }),
    ],
    [
      execute(
        t('equipment.laptop.both'),
        EQUIPMENT_VERBS.submit,
        { ...data, includeLaptop: true },
        'positive',
      ),
      execute(t('equipment.cancel'), EQUIPMENT_VERBS.cancel, { locale: view.locale }),
    ],
    t('equipment.laptop.required'),
  );
}

/** The facts every card about one request shows. */
function requestFacts(t: Translate, view: EquipmentView): { title: string; value: string }[] {
  const { request } = view;
  const facts: { title: string; value: string }[] = [
    { title: t('equipment.card.status'), value: t(`equipment.status.${request.status}`) },
    { title: t('equipment.card.requester'), value: request.requesterName },
    { title: t('equipment.card.kind'), value: t(`equipment.kind.${request.kind}`) },
  ];
  const add = (title: string, value: string | null | undefined) => {
    if (value) facts.push({ title, value });
  };
  add(t('equipment.card.details'), request.details);
  add(t('equipment.card.reason'), request.reason);
  facts.push({
    title: t('equipment.card.delivery'),
    value:
      request.delivery.kind === 'home'
        ? t('equipment.card.home', { address: request.delivery.address })
        : t('equipment.card.site', { site: view.siteName ?? request.delivery.siteId }),
  });
  add(t('equipment.card.approver'), view.approverName);
  add(t('equipment.card.decidedBy'), view.deciderName);
  add(t('equipment.card.comment'), request.decisionComment);
  add(t('equipment.card.source'), request.source ? t(`equipment.source.${request.source}`) : null);
  add(t('equipment.card.assetTag'), request.assetTag);
  add(t('equipment.card.serial'), request.serial);
  add(t('equipment.card.tracking'), request.trackingNumber);
  return facts;
}

function duplicateWarning(t: Translate, request: EquipmentRequest): CardElement[] {
  if (!request.duplicateOf) return [];
  const key =
    request.duplicateOf === 'holds' ? 'equipment.card.duplicateHolds' : 'equipment.card.duplicatePending';
  return [notice(t(key, { name: request.requesterName }))];
}

/** The manager's card: the request, a comment, Approve / Reject; once decided, who decided. */
export function approvalCard(
  t: Translate,
  view: EquipmentView & { locale: string; notice?: string | null },
): AdaptiveCard {
  const { request } = view;
  const number = label(request.number);
  const body: CardElement[] = [];
  if (view.notice) body.push(notice(view.notice));
  body.push(heading(t('equipment.approval.title', { number })), ...duplicateWarning(t, request));
  body.push({ type: 'FactSet', facts: requestFacts(t, view) });
  const actions: CardAction[] = [];
  if (request.status === 'pending_approval') {
    body.push(
      textInput('comment', t('equipment.approval.commentLabel', { name: request.requesterName }), undefined, {
        multiline: true,
        maxLength: 1000,
      }),
    );
    const data = { requestId: request.id, version: request.version, locale: view.locale };
    actions.push(
      execute(t('equipment.approval.approve'), EQUIPMENT_VERBS.approve, data, 'positive'),
      execute(t('equipment.approval.reject'), EQUIPMENT_VERBS.reject, data, 'destructive'),
    );
  } else if (request.decidedBy) {
    body.push(
      paragraph(
        t('equipment.notice.decided', {
          status: t(`equipment.status.${request.status === 'rejected' ? 'rejected' : 'approved'}`),
          name: view.deciderName ?? request.decidedBy,
        }),
        { subtle: true },
      ),
    );
  }
  return adaptiveCard(body, actions, t('equipment.approval.title', { number }));
}

/**
 * The IT queue's card: the request, the fields each step needs, and the next steps. While the
 * requester has the parcel, the card offers "Refresh": receipt is confirmed elsewhere. (A card
 * with Universal Actions `refresh` makes teams-ai replace it for everyone through updateActivity
 * on every click; the plain button keeps each click's answer to the clicker's card.)
 */
export function equipmentQueueCard(
  t: Translate,
  view: EquipmentView & { locale: string; notice?: string | null },
): AdaptiveCard {
  const { request } = view;
  const number = label(request.number);
  const body: CardElement[] = [];
  if (view.notice) body.push(notice(view.notice));
  body.push(
    heading(t('equipment.queue.title', { number, kind: t(`equipment.kind.${request.kind}`) })),
    ...duplicateWarning(t, request),
    { type: 'FactSet', facts: requestFacts(t, view) },
  );
  const data = { requestId: request.id, version: request.version, locale: view.locale, from: 'queue' };
  const actions: CardAction[] = [];
  const identify = () =>
    body.push(
      textInput('assetTag', t('equipment.queue.assetTagLabel'), undefined, { maxLength: 100 }),
      textInput('serial', t('equipment.queue.serialLabel'), undefined, { maxLength: 100 }),
    );
  switch (request.status) {
    case 'approved':
      identify();
      actions.push(
        execute(t('equipment.queue.allocate'), EQUIPMENT_VERBS.allocate, data, 'positive'),
        execute(t('equipment.queue.order'), EQUIPMENT_VERBS.order, data),
      );
      break;
    case 'ordered':
      identify();
      actions.push(execute(t('equipment.queue.allocate'), EQUIPMENT_VERBS.allocate, data, 'positive'));
      break;
    case 'allocated':
      body.push(
        textInput('trackingNumber', t('equipment.queue.trackingLabel'), undefined, { maxLength: 100 }),
      );
      actions.push(execute(t('equipment.queue.ship'), EQUIPMENT_VERBS.ship, data, 'positive'));
      break;
    case 'shipped':
      body.push(
        paragraph(t('equipment.queue.waitingReceipt', { name: request.requesterName }), { subtle: true }),
      );
      actions.push(execute(t('equipment.queue.refresh'), EQUIPMENT_VERBS.refresh, data));
      break;
    case 'received':
      actions.push(execute(t('equipment.queue.recordReturn'), EQUIPMENT_VERBS.return, data));
      break;
    default:
      break;
  }
  return { ...adaptiveCard(body, actions, number), msteams: { width: 'Full' } };
}

/** What the requester is told about a change made by someone else. */
export function requesterNoticeText(
  t: Translate,
  request: EquipmentRequest,
  event: Pick<EquipmentEvent, 'action' | 'note'>,
  actorName: string,
): string {
  const number = label(request.number);
  const kind = t(`equipment.kind.${request.kind}`);
  switch (event.action) {
    case 'approved':
      return event.note
        ? t('equipment.requester.approvedWithComment', { number, kind, name: actorName, comment: event.note })
        : t('equipment.requester.approved', { number, kind, name: actorName });
    case 'rejected':
      return t('equipment.requester.rejected', { number, kind, name: actorName, comment: event.note ?? '' });
    case 'ordered':
      return t('equipment.requester.ordered', { number, kind });
    case 'allocated':
      return t('equipment.requester.allocated', { number, kind });
    case 'shipped':
      return request.trackingNumber
        ? t('equipment.requester.shipped', { number, kind, tracking: request.trackingNumber })
        : t('equipment.requester.shippedNoTracking', { number, kind });
    case 'received':
      return t('equipment.requester.received', { number, kind });
    case 'returned':
      return t('equipment.requester.returned', { number, kind });
    case 'withdrawn':
    case 'requested':
      return t('equipment.requester.withdrawn', { number, kind });
  }
}

/** The requester's notice; a shipment carries the "I received it" button. */
export function requesterNoticeCard(
  t: Translate,
  view: {
    locale: string;
    request: EquipmentRequest;
    event: Pick<EquipmentEvent, 'action' | 'note'>;
    actorName: string;
  },
): AdaptiveCard {
  const text = requesterNoticeText(t, view.request, view.event, view.actorName);
  const actions =
    view.event.action === 'shipped'
      ? [
          execute(
            t('equipment.requester.receiveButton'),
            EQUIPMENT_VERBS.receive,
            { requestId: view.request.id, version: view.request.version, locale: view.locale },
            'positive',
          ),
        ]
      : [];
  return adaptiveCard([paragraph(text)], actions, text);
}
