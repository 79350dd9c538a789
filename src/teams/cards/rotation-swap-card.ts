import type { NewDay, SwapRequestView } from '../../domain/rotation/swap-request-service.js';
import type { SwapRefusal } from '../../domain/rotation/swap-request.js';
import { supportedLocaleOf } from '../../domain/shared/locale.js';
import { formatCalendarDate } from '../../i18n/format.js';
import type { MessageKey, Translate } from '../../i18n/translate.js';
import {
  adaptiveCard,
  heading,
  paragraph,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './adaptive-card.js';

/**
 * Swap request cards (issue 7). The manager's card shows who asks to swap what with whom and what
 * it changes, with Approve and Reject (a comment box that opens in place); the requester's receipt
 * has Withdraw. Every button is an Action.Execute answered with the card redrawn from the stored
 * request, so two managers or two clicks end on what was recorded. Handled in
 * src/teams/rotation-swap-actions.ts.
 */
export const ROTATION_SWAP_VERBS = {
  approve: 'rotationSwap.approve',
  reject: 'rotationSwap.reject',
  withdraw: 'rotationSwap.withdraw',
} as const;

/** The manager's card lists this many changed days; the tab shows them all. */
const CHANGES_SHOWN = 8;

const REFUSAL_KEYS: Record<SwapRefusal, MessageKey> = {
  self: 'rotationSwap.refused.self',
  partner_not_member: 'rotationSwap.refused.partnerNotMember',
  other_site: 'rotationSwap.refused.otherSite',
  date_outside: 'rotationSwap.refused.dateOutside',
  date_past: 'rotationSwap.refused.datePast',
  rotation_over: 'rotationSwap.refused.rotationOver',
  not_work_day: 'rotationSwap.refused.notWorkDay',
  nothing_to_swap: 'rotationSwap.refused.nothingToSwap',
  rule: 'rotationSwap.refused.rule',
  no_approver: 'rotationSwap.refused.noApprover',
};

const RULE_KEYS: Record<string, MessageKey> = {
  cap_exceeded: 'rotationSwap.rule.capExceeded',
  cohorts_mixed: 'rotationSwap.rule.cohortsMixed',
  below_min_staff: 'rotationSwap.rule.belowMinStaff',
  no_critical: 'rotationSwap.rule.noCritical',
};

/** Why a swap is refused, in the reader's words: `details` of a `rotation.swap_refused` error. */
export function swapRefusalText(
  t: Translate,
  locale: string,
  details: { reason?: unknown; rule?: unknown; date?: unknown },
): string {
  const reason = (
    typeof details.reason === 'string' && details.reason in REFUSAL_KEYS ? details.reason : 'rule'
  ) as SwapRefusal;
  const rule = t(RULE_KEYS[String(details.rule)] ?? 'rotationSwap.rule.other');
  const date = typeof details.date === 'string' ? formatCalendarDate(locale, details.date) : '';
  return t(REFUSAL_KEYS[reason], { rule, date });
}

function execute(title: string, verb: string, data: Record<string, unknown>, style?: string): CardAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

function whenOf(t: Translate, locale: string, view: SwapRequestView): string {
  const date = view.request.date;
  return t('rotationSwap.when', { date: date === null ? 'none' : formatCalendarDate(locale, date) });
}

const namesOf = (view: SwapRequestView) => view.approvers.map((approver) => approver.displayName).join(', ');

function statusLine(t: Translate, view: SwapRequestView): CardElement {
  const { request } = view;
  const by = view.decidedBy?.displayName ?? '';
  switch (request.status) {
    case 'approved':
      return {
        type: 'TextBlock',
        text: t('rotationSwap.statusApproved', { name: by }),
        color: 'Good',
        wrap: true,
      };
    case 'rejected':
      return {
        type: 'TextBlock',
        text: request.comment
          ? t('rotationSwap.statusRejectedComment', { name: by, comment: request.comment })
          : t('rotationSwap.statusRejected', { name: by }),
        color: 'Attention',
        wrap: true,
      };
    case 'withdrawn':
      return paragraph(t('rotationSwap.statusWithdrawn', { name: view.requester.displayName }));
    default:
      return paragraph(t('rotationSwap.statusPending'), { subtle: true });
  }
}

function changeFacts(t: Translate, locale: string, view: SwapRequestView): CardElement[] {
  if (view.changes.length === 0) return [];
  const nameOf = (id: string) =>
    id === view.requester.aadObjectId ? view.requester.displayName : view.partner.displayName;
  const place = (value: string) => t('rotationSwap.place', { place: value });
  const shown = view.changes.slice(0, CHANGES_SHOWN);
  const elements: CardElement[] = [
    paragraph(t('rotationSwap.changesTitle'), { spacing: 'Medium' }),
    {
      type: 'FactSet',
      facts: shown.map((change) => ({
        title: formatCalendarDate(locale, change.date),
        value: t('rotationSwap.change', {
          name: nameOf(change.aadObjectId),
          before: place(change.before),
          after: place(change.after),
        }),
      })),
    },
  ];
  if (view.changes.length > shown.length)
    elements.push(
      paragraph(t('rotationSwap.moreChanges', { count: view.changes.length - shown.length }), {
        subtle: true,
        spacing: 'None',
      }),
    );
  return elements;
}

/** The approver's card: the request as stored now, with Approve / Reject while it is pending. */
export function swapApprovalCard(
  t: Translate,
  view: SwapRequestView,
  readerLocale: string,
  notice?: string,
): AdaptiveCard {
  const locale = supportedLocaleOf(readerLocale);
  const title = t('rotationSwap.title');
  const asks = t('rotationSwap.asks', {
    requester: view.requester.displayName,
    partner: view.partner.displayName,
    when: whenOf(t, locale, view),
    site: view.siteName,
  });
  const body: CardElement[] = [heading(title)];
  if (notice) body.push(paragraph(notice, { subtle: true }));
  body.push(paragraph(asks));
  if (view.request.reason) body.push(paragraph(t('rotationSwap.reason', { reason: view.request.reason })));
  body.push(...changeFacts(t, locale, view));
  if (view.problem)
    body.push({
      type: 'TextBlock',
      text: `⚠ ${t('rotationSwap.problem', { reason: swapRefusalText(t, locale, view.problem) })}`,
      color: 'Warning',
      wrap: true,
    });
  body.push(statusLine(t, view));
  const actions: CardAction[] = [];
  if (view.request.status === 'pending') {
    const data = { requestId: view.request.id, locale };
    if (!view.problem)
      actions.push(execute(t('rotationSwap.approve'), ROTATION_SWAP_VERBS.approve, data, 'positive'));
    actions.push({
      type: 'Action.ShowCard',
      title: t('rotationSwap.reject'),
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: 'comment',
            label: t('rotationSwap.commentLabel', { name: view.requester.displayName }),
            isMultiline: true,
            maxLength: 500,
          },
        ],
        actions: [execute(t('rotationSwap.confirmReject'), ROTATION_SWAP_VERBS.reject, data, 'destructive')],
      },
    });
  }
  return adaptiveCard(body, actions, asks);
}

/** The requester's receipt: where the request went, and Withdraw while it is pending. */
export function swapReceiptCard(
  t: Translate,
  view: SwapRequestView,
  readerLocale: string,
  notice?: string,
): AdaptiveCard {
  const locale = supportedLocaleOf(readerLocale);
  const text = t('rotationSwap.receipt', {
    when: whenOf(t, locale, view),
    partner: view.partner.displayName,
    approvers: namesOf(view),
  });
  const body: CardElement[] = [heading(t('rotationSwap.title'))];
  if (notice) body.push(paragraph(notice, { subtle: true }));
  body.push(paragraph(text), ...changeFacts(t, locale, view), statusLine(t, view));
  const actions =
    view.request.status === 'pending'
      ? [
          execute(t('rotationSwap.withdraw'), ROTATION_SWAP_VERBS.withdraw, {
            requestId: view.request.id,
            locale,
          }),
        ]
      : [];
  return adaptiveCard(body, actions, text);
}

/** To the partner: a colleague asked to swap with them; what would change. */
export function swapPartnerCard(t: Translate, view: SwapRequestView, readerLocale: string): AdaptiveCard {
  const locale = supportedLocaleOf(readerLocale);
  const text = t('rotationSwap.partnerNotice', {
    requester: view.requester.displayName,
    when: whenOf(t, locale, view),
    approvers: namesOf(view),
  });
  return adaptiveCard(
    [heading(t('rotationSwap.title')), paragraph(text), ...changeFacts(t, locale, view)],
    [],
    text,
  );
}

/** Approved: the recipient's days now. Rejected: the requester reads the comment, the partner that nothing changes. */
export function swapDecisionCard(
  t: Translate,
  view: SwapRequestView,
  recipient: 'requester' | 'partner',
  readerLocale: string,
  newDays: readonly NewDay[],
): AdaptiveCard {
  const locale = supportedLocaleOf(readerLocale);
  const when = whenOf(t, locale, view);
  const manager = view.decidedBy?.displayName ?? '';
  if (view.request.status === 'approved') {
    const text = t('rotationSwap.approvedNotice', {
      manager,
      when,
      requester: view.requester.displayName,
      partner: view.partner.displayName,
    });
    const onSite = newDays.filter((day) => day.place === 'office' || day.place === 'store');
    return adaptiveCard(
      [
        heading(t('rotation.title')),
        paragraph(text),
        onSite.length > 0
          ? {
              type: 'FactSet',
              facts: onSite.map((day) => ({
                title: formatCalendarDate(locale, day.date),
                value: t('rotation.place', { place: day.place, cohort: day.cohort ?? 'none' }),
              })),
            }
          : paragraph(t('rotationSwap.noDayOnSite')),
        ...(onSite.length > 0
          ? [paragraph(t('rotation.otherDaysHome'), { subtle: true, spacing: 'Small' })]
          : []),
      ],
      [],
      text,
    );
  }
  if (recipient === 'partner') {
    const text = t('rotationSwap.rejectedPartner', { when, requester: view.requester.displayName });
    return adaptiveCard([paragraph(text)], [], text);
  }
  const text = t('rotationSwap.rejectedNotice', { manager, when, partner: view.partner.displayName });
  return adaptiveCard(
    [
      paragraph(text),
      ...(view.request.comment
        ? [paragraph(t('rotationSwap.rejectedComment', { comment: view.request.comment }))]
        : []),
    ],
    [],
    text,
  );
}

/** To the approvers and the partner: the requester took the request back. */
export function swapWithdrawnCard(t: Translate, view: SwapRequestView, readerLocale: string): AdaptiveCard {
  const text = t('rotationSwap.withdrawnNotice', {
    requester: view.requester.displayName,
    when: whenOf(t, supportedLocaleOf(readerLocale), view),
    partner: view.partner.displayName,
  });
  return adaptiveCard([paragraph(text)], [], text);
}
