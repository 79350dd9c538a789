import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { EQUIPMENT_KINDS } from '../domain/equipment/catalogue.js';
import {
  DELIVERY_KINDS,
  requestNumberLabel,
  type ChangeAction,
  type EquipmentRequest,
} from '../domain/equipment/equipment-request.js';
import type {
  EquipmentOutcome,
  EquipmentRenderer,
  EquipmentService,
} from '../domain/equipment/equipment-service.js';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { ChatIdentity } from '../domain/directory/newcomer.js';
import type { OutboundPayload } from '../domain/proactive/outbound-message.js';
import type { Clock } from '../domain/shared/clock.js';
import { isDomainError, type DomainErrorCode } from '../domain/shared/errors.js';
import { translatorFor, type MessageKey, type Translate } from '../i18n/translate.js';
import type { EquipmentUnderstanding } from '../language/equipment/understand-equipment.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import {
  EQUIPMENT_VERBS,
  approvalCard,
  duplicateCard,
  equipmentFormCard,
  equipmentNoticeCard,
  equipmentQueueCard,
  laptopProposalCard,
  requestsSentCard,
  requesterNoticeCard,
  type EquipmentFormValues,
} from './cards/equipment-card.js';
import { optionalInput } from './card-inputs.js';
import { cardLocale, readChatTurn } from './chat-turn.js';

/**
 * Equipment in chat (issue 6): "I need a headset" or "matériel" shows the request form; the
 * form's answers (duplicate pointed out, laptop proposed for VPN access) come back in place of the
 * form. The manager's approval card and the IT queue card act for whoever clicks: the service
 * checks their right and the card's version, so a forwarded card does nothing for someone else.
 */
export interface EquipmentHandlerDependencies {
  equipment: EquipmentService;
  directory: Pick<DirectoryRepository, 'findPerson' | 'findSite' | 'listSites'>;
  clock: Clock;
  defaultTimeZone: string;
}

const optional = optionalInput;
const flag = optional(
  z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]),
);

const submitData = z.object({
  locale: optional(z.string().max(35)),
  requestId: z.string().min(1).max(100),
  kind: optional(z.enum(EQUIPMENT_KINDS)),
  details: optional(z.string().max(500)),
  reason: optional(z.string().max(500)),
  delivery: optional(z.enum(DELIVERY_KINDS)),
  address: optional(z.string().max(300)),
  siteId: optional(z.string().max(100)),
  confirmDuplicate: flag,
  includeLaptop: flag,
});

const actionData = z.object({
  locale: optional(z.string().max(35)),
  requestId: z.string().min(1).max(100),
  version: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  /** Which card was clicked: the IT queue's, or the requester's own. */
  from: optional(z.enum(['queue'])),
  comment: optional(z.string().max(2000)),
  assetTag: optional(z.string().max(100)),
  serial: optional(z.string().max(100)),
  trackingNumber: optional(z.string().max(100)),
});

/** The sentence for a domain error of the user's making on an equipment card, or null. */
const ERROR_KEYS: Partial<Record<DomainErrorCode, MessageKey>> = {
  'equipment.not_found': 'equipment.error.not_found',
  'equipment.not_allowed_now': 'equipment.error.not_allowed_now',
  'equipment.not_offered': 'equipment.error.not_offered',
  'equipment.comment_required': 'equipment.error.comment_required',
  'equipment.asset_required': 'equipment.error.asset_required',
  'equipment.tracking_required': 'equipment.error.tracking_required',
  'equipment.address_required': 'equipment.error.address_required',
  'equipment.reason_required': 'equipment.error.reason_required',
  'directory.unknown_site': 'equipment.error.unknown_site',
  'auth.forbidden': 'errors.forbidden',
};

export function equipmentErrorText(t: Translate, error: unknown): string | null {
  if (!isDomainError(error) || error.fault !== 'user') return null;
  const key = ERROR_KEYS[error.code];
  return key ? t(key) : null;
}

/** The request form for `actor`, with what they hold and have asked for. */
async function formFor(
  dependencies: EquipmentHandlerDependencies,
  request: {
    aadObjectId: string;
    locale: string;
    values?: EquipmentFormValues;
    notice?: string | null;
    requestId?: string;
  },
): Promise<AdaptiveCard> {
  const { equipment, directory } = dependencies;
  const [person, sites, own] = await Promise.all([
    directory.findPerson(request.aadObjectId),
    directory.listSites(),
    equipment.listOwnRequests(request.aadObjectId, { openOnly: false, limit: 50 }),
  ]);
  return equipmentFormCard(translatorFor(request.locale), {
    locale: request.locale,
    timeZone: dependencies.defaultTimeZone,
    requestId: request.requestId ?? randomUUID(),
    kinds: equipment.catalogue.items.map((item) => item.kind),
    sites: sites
      .map((site) => ({ id: site.id, name: site.name }))
      .sort((a, b) => a.name.localeCompare(b.name, request.locale)),
    defaultSiteId: person?.siteId ?? null,
    own,
    ...(request.values ? { values: request.values } : {}),
    ...(request.notice ? { notice: request.notice } : {}),
  });
}

/** The reply to "equipment", "j'ai besoin d'un casque"…: the form, with the kind chosen if named. */
export async function answerEquipmentMessage(
  dependencies: EquipmentHandlerDependencies,
  request: { actor: ChatIdentity; understanding: EquipmentUnderstanding; locale: string },
): Promise<AdaptiveCard> {
  return formFor(dependencies, {
    aadObjectId: request.actor.aadObjectId,
    locale: request.locale,
    values: request.understanding.kind ? { kind: request.understanding.kind } : {},
  });
}

const CHANGE_OF_VERB: Record<
  Exclude<
    (typeof EQUIPMENT_VERBS)[keyof typeof EQUIPMENT_VERBS],
    'equipment.submit' | 'equipment.cancel' | 'equipment.refresh'
  >,
  ChangeAction
> = {
  [EQUIPMENT_VERBS.approve]: 'approved',
  [EQUIPMENT_VERBS.reject]: 'rejected',
  [EQUIPMENT_VERBS.order]: 'ordered',
  [EQUIPMENT_VERBS.allocate]: 'allocated',
  [EQUIPMENT_VERBS.ship]: 'shipped',
  [EQUIPMENT_VERBS.receive]: 'received',
  [EQUIPMENT_VERBS.return]: 'returned',
  [EQUIPMENT_VERBS.withdraw]: 'withdrawn',
};

/** The request form's and the request cards' Universal Actions. */
export function registerEquipmentCards<TState extends TurnState>(
  app: Application<TState>,
  dependencies: EquipmentHandlerDependencies,
): void {
  const { equipment, clock, defaultTimeZone } = dependencies;

  const turnOf = (context: TurnContext, data: unknown) => {
    const facts = readChatTurn(context.activity, { defaultTimeZone, receivedAt: clock.now() });
    const locale = cardLocale(data, facts.locale);
    return { facts, locale, t: translatorFor(locale) };
  };

  app.adaptiveCards.actionExecute<unknown>(EQUIPMENT_VERBS.submit, async (context, _state, data) => {
    const { facts, locale, t } = turnOf(context, data);
    const parsed = submitData.safeParse(data);
    if (!facts.actor || !parsed.success) return equipmentNoticeCard(t('errors.apology'));
    const form = parsed.data;
    const values: EquipmentFormValues = {
      kind: form.kind,
      details: form.details,
      reason: form.reason,
      delivery: form.delivery ?? 'home',
      address: form.address,
      siteId: form.siteId,
    };
    const again = (notice: string) =>
      formFor(dependencies, {
        aadObjectId: facts.actor!.aadObjectId,
        locale,
        values,
        notice,
        requestId: form.requestId,
      });
    if (!form.kind) return again(t('equipment.form.kind'));
    try {
      const outcome = await equipment.submitRequest({
        actor: { aadObjectId: facts.actor.aadObjectId, displayName: facts.actor.displayName, locale },
        kind: form.kind,
        details: form.details ?? '',
        reason: form.reason ?? '',
        delivery:
          values.delivery === 'site'
            ? { kind: 'site', siteId: form.siteId ?? '' }
            : { kind: 'home', address: form.address ?? '' },
        sourceKey: `form:${form.requestId}`,
        confirmDuplicate: form.confirmDuplicate ?? false,
        includeLaptop: form.includeLaptop ?? false,
      });
      switch (outcome.outcome) {
        case 'created':
          return requestsSentCard(t, {
            requests: outcome.requests,
            approverName: outcome.approverName,
            created: true,
          });
        case 'exists':
          return requestsSentCard(t, { requests: outcome.requests, approverName: null, created: false });
        case 'duplicate':
          return duplicateCard(t, { locale, requestId: form.requestId, values, finding: outcome.finding });
        case 'laptop_required':
          return laptopProposalCard(t, { locale, requestId: form.requestId, values });
      }
    } catch (error) {
      const text = equipmentErrorText(t, error);
      if (text) return again(text);
      throw error;
    }
  });

  // The queue card as it is now; it shows nothing a channel member could not already see on it.
  app.adaptiveCards.actionExecute<unknown>(EQUIPMENT_VERBS.refresh, async (context, _state, data) => {
    const { locale, t } = turnOf(context, data);
    const parsed = z.object({ requestId: z.string().min(1).max(100) }).safeParse(data);
    const request = parsed.success ? await equipment.findRequest(parsed.data.requestId) : null;
    if (!request) return equipmentNoticeCard(t('equipment.notice.notFound'));
    return equipmentQueueCard(t, { ...(await equipment.view(request)), locale });
  });

  app.adaptiveCards.actionExecute<unknown>(EQUIPMENT_VERBS.cancel, async (context, _state, data) => {
    const { t } = turnOf(context, data);
    return equipmentNoticeCard(t('equipment.cancelled'));
  });

  const noticeOf = (t: Translate, outcome: EquipmentOutcome): string | null => {
    switch (outcome.outcome) {
      case 'done':
        return null;
      case 'conflict':
        return t('equipment.notice.conflict');
      case 'forbidden':
        return t('equipment.notice.forbidden');
      case 'not_allowed_now':
        return t('equipment.notice.notNow', { status: t(`equipment.status.${outcome.request.status}`) });
    }
  };

  const thanksOf = (t: Translate, action: ChangeAction, request: EquipmentRequest): string => {
    const params = { number: requestNumberLabel(request.number), kind: t(`equipment.kind.${request.kind}`) };
    switch (action) {
      case 'received':
        return t('equipment.thanks.received', params);
      case 'returned':
        return t('equipment.thanks.returned', params);
      default:
        return t('equipment.thanks.withdrawn', params);
    }
  };

  for (const [verb, action] of Object.entries(CHANGE_OF_VERB) as [string, ChangeAction][]) {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
      const { facts, locale, t } = turnOf(context, data);
      const parsed = actionData.safeParse(data);
      if (!parsed.success) return equipmentNoticeCard(t('equipment.notice.notFound'));
      const input = parsed.data;
      const onQueueCard =
        action === 'ordered' ||
        action === 'allocated' ||
        action === 'shipped' ||
        (action === 'returned' && input.from === 'queue');
      const onApprovalCard = action === 'approved' || action === 'rejected';
      const render = async (request: EquipmentRequest, notice: string | null): Promise<AdaptiveCard> => {
        if (onApprovalCard) return approvalCard(t, { ...(await equipment.view(request)), locale, notice });
        if (onQueueCard) return equipmentQueueCard(t, { ...(await equipment.view(request)), locale, notice });
        return equipmentNoticeCard(notice ?? thanksOf(t, action, request));
      };
      let outcome: EquipmentOutcome | null;
      try {
        outcome = facts.actor
          ? await equipment.act({
              requestId: input.requestId,
              expectedVersion: input.version,
              action,
              actorAadObjectId: facts.actor.aadObjectId,
              note: input.comment ?? null,
              fulfilment: {
                assetTag: input.assetTag ?? null,
                serial: input.serial ?? null,
                trackingNumber: input.trackingNumber ?? null,
              },
            })
          : null;
      } catch (error) {
        const text = equipmentErrorText(t, error);
        const current = text ? await equipment.findRequest(input.requestId) : null;
        if (text && current) return render(current, text);
        throw error;
      }
      if (!outcome) return equipmentNoticeCard(t('equipment.notice.notFound'));
      const notice = noticeOf(t, outcome);
      if (!notice || onApprovalCard || onQueueCard) return render(outcome.request, notice);
      return equipmentNoticeCard(
        `${notice} ${t('equipment.mine.request', {
          number: requestNumberLabel(outcome.request.number),
          kind: t(`equipment.kind.${outcome.request.kind}`),
          status: t(`equipment.status.${outcome.request.status}`),
        })}`,
      );
    });
  }
}

/** How equipment's notices look: cards in the recipient's language. */
export function equipmentRenderer(): EquipmentRenderer {
  const card = (adaptive: AdaptiveCard): OutboundPayload => ({
    kind: 'card',
    card: { ...adaptive },
    ...(adaptive.fallbackText ? { fallbackText: adaptive.fallbackText } : {}),
  });
  return {
    approvalCard: (view, locale) => card(approvalCard(translatorFor(locale), { ...view, locale })),
    queueCard: (view, locale) => card(equipmentQueueCard(translatorFor(locale), { ...view, locale })),
    requesterNotice: (request, event, actorName) =>
      card(
        requesterNoticeCard(translatorFor(request.requesterLocale), {
          locale: request.requesterLocale,
          request,
          event,
          actorName,
        }),
      ),
    queueNotice: (request, event, actorName, locale) => {
      const t = translatorFor(locale);
      const params = {
        name: actorName,
        number: requestNumberLabel(request.number),
        kind: t(`equipment.kind.${request.kind}`),
        assetTag: request.assetTag ?? request.serial ?? '—',
      };
      return card(
        equipmentNoticeCard(
          event.action === 'returned'
            ? t('equipment.queueNotice.returned', params)
            : t('equipment.queueNotice.withdrawn', params),
        ),
      );
    },
    unroutedNotice: (request, locale) => {
      const t = translatorFor(locale);
      return card(
        equipmentNoticeCard(
          t('equipment.unrouted', {
            number: requestNumberLabel(request.number),
            kind: t(`equipment.kind.${request.kind}`),
          }),
        ),
      );
    },
  };
}
