/**
 * An equipment request and its life (design: "approved by their manager and fulfilled by IT"):
 *
 *   pending_approval ─approved─► approved ─ordered─► ordered ─allocated─► allocated ─shipped─► shipped
 *        │                          │                  │                                        │
 *        └rejected / withdrawn      ├allocated (stock) └withdrawn                          received
 *                                   └withdrawn                                                  │
 *                                                                                           returned
 *
 * A request in `received` is a holding: who holds what is read from the requests themselves, so the
 * record of holdings cannot disagree with the history that produced it. Every change appends an
 * event (who, when, what) and bumps `version`, the store's optimistic-concurrency check: of two IT
 * agents acting on version n at once, only one write of n+1 succeeds.
 */
import { DomainError } from '../shared/errors.js';
import { itemOf, type EquipmentKind } from './catalogue.js';

export const EQUIPMENT_STATUSES = [
  'pending_approval',
  'rejected',
  'approved',
  'ordered',
  'allocated',
  'shipped',
  'received',
  'returned',
  'withdrawn',
] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/** Asked for and not yet handed over: another request of the same kind is a duplicate. */
export const OPEN_STATUSES: readonly EquipmentStatus[] = [
  'pending_approval',
  'approved',
  'ordered',
  'allocated',
  'shipped',
];

export const EQUIPMENT_ACTIONS = [
  'requested',
  'approved',
  'rejected',
  'ordered',
  'allocated',
  'shipped',
  'received',
  'returned',
  'withdrawn',
] as const;
export type EquipmentAction = (typeof EQUIPMENT_ACTIONS)[number];
export type ChangeAction = Exclude<EquipmentAction, 'requested'>;

export const DELIVERY_KINDS = ['home', 'site'] as const;
export type Delivery = { kind: 'home'; address: string } | { kind: 'site'; siteId: string };

/** Why the requester asked although they hold one or have one pending (they confirmed it). */
export type DuplicateKind = 'holds' | 'pending';

export const FULFILMENT_SOURCES = ['stock', 'order'] as const;
export type FulfilmentSource = (typeof FULFILMENT_SOURCES)[number];

export interface EquipmentRequest {
  id: string;
  /** EQ-000042: what people say on the phone. */
  number: number;
  kind: EquipmentKind;
  /** Model, size, what "other" means: the requester's words, may be empty. */
  details: string;
  /** Why it is needed. */
  reason: string;
  delivery: Delivery;
  requesterAadObjectId: string;
  requesterName: string;
  /** The requester's directory language: notices are written in it. */
  requesterLocale: string;
  /** The direct manager when the request was made, who got the approval card; null = admins. */
  approverAadObjectId: string | null;
  status: EquipmentStatus;
  /** Set when the requester confirmed a second one; the approver sees it on the card. */
  duplicateOf: DuplicateKind | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  source: FulfilmentSource | null;
  assetTag: string | null;
  serial: string | null;
  trackingNumber: string | null;
  /** The IT queue channel that got the request's card once approved; null = none (yet). */
  queueConversationId: string | null;
  createdAt: string;
  updatedAt: string;
  receivedAt: string | null;
  returnedAt: string | null;
  version: number;
  /** Where the request came from (the form's id): a double-clicked submit makes one request. */
  sourceKey: string;
}

/** One line of a request's append-only history. */
export interface EquipmentEvent {
  requestId: string;
  /** The request's version this event produced. */
  version: number;
  action: EquipmentAction;
  actorAadObjectId: string;
  at: string;
  note: string | null;
}

/** What IT types on the queue card; each action needs some of it. */
export interface Fulfilment {
  assetTag?: string | null;
  serial?: string | null;
  trackingNumber?: string | null;
}

export function requestNumberLabel(number: number): string {
  return `EQ-${String(number).padStart(6, '0')}`;
}

export function isOpen(request: Pick<EquipmentRequest, 'status'>): boolean {
  return OPEN_STATUSES.includes(request.status);
}

export function isHeld(request: Pick<EquipmentRequest, 'status'>): boolean {
  return request.status === 'received';
}

/** From which statuses each change may be made; anything else is refused. */
const TRANSITIONS: Record<ChangeAction, readonly EquipmentStatus[]> = {
  approved: ['pending_approval'],
  rejected: ['pending_approval'],
  ordered: ['approved'],
  // From stock straight after approval, or once what was ordered has arrived.
  allocated: ['approved', 'ordered'],
  shipped: ['allocated'],
  received: ['shipped'],
  returned: ['received'],
  // Once IT has set a device aside for it, the request is IT's to finish (or to take back).
  withdrawn: ['pending_approval', 'approved', 'ordered'],
};

const STATUS_AFTER: Record<ChangeAction, EquipmentStatus> = {
  approved: 'approved',
  rejected: 'rejected',
  ordered: 'ordered',
  allocated: 'allocated',
  shipped: 'shipped',
  received: 'received',
  returned: 'returned',
  withdrawn: 'withdrawn',
};

export function mayApply(request: Pick<EquipmentRequest, 'status'>, action: ChangeAction): boolean {
  return TRANSITIONS[action].includes(request.status);
}

const MAX_FIELD = 100;
const clean = (value: string | null | undefined) => {
  const trimmed = value?.trim().slice(0, MAX_FIELD) ?? '';
  return trimmed === '' ? null : trimmed;
};

/**
 * The request after `action`, and the event that records it. Refuses (stable codes) a change the
 * status does not allow, a rejection without a comment (the requester must learn why), an
 * allocation without what identifies the device (asset tag and serial; a licence needs its key or
 * id in `serial`), and a shipment to a home address without a tracking number.
 */
export function applyChange(
  request: EquipmentRequest,
  change: {
    action: ChangeAction;
    actorAadObjectId: string;
    at: string;
    note?: string | null;
    fulfilment?: Fulfilment;
  },
): { request: EquipmentRequest; event: EquipmentEvent } {
  const { action, actorAadObjectId, at } = change;
  if (!mayApply(request, action))
    throw new DomainError('equipment.not_allowed_now', `a ${request.status} request cannot be ${action}`, {
      status: request.status,
      action,
    });
  const note = change.note?.trim() ? change.note.trim().slice(0, 2000) : null;
  const item = itemOf(request.kind);
  const fulfilment = change.fulfilment ?? {};
  const next: EquipmentRequest = {
    ...request,
    status: STATUS_AFTER[action],
    updatedAt: at,
    version: request.version + 1,
  };
  switch (action) {
    case 'approved':
    case 'rejected':
      if (action === 'rejected' && !note)
        throw new DomainError('equipment.comment_required', 'a rejection needs a comment for the requester');
      next.decidedBy = actorAadObjectId;
      next.decidedAt = at;
      next.decisionComment = note;
      break;
    case 'ordered':
      next.source = 'order';
      break;
    case 'allocated': {
      const assetTag = clean(fulfilment.assetTag);
      const serial = clean(fulfilment.serial);
      if (!serial || (item.physical && !assetTag))
        throw new DomainError('equipment.asset_required', 'an allocation names the device', {
          physical: item.physical,
        });
      next.source = request.status === 'ordered' ? 'order' : 'stock';
      next.assetTag = assetTag;
      next.serial = serial;
      break;
    }
    case 'shipped': {
      const tracking = clean(fulfilment.trackingNumber);
      if (!tracking && item.physical && request.delivery.kind === 'home')
        throw new DomainError(
          'equipment.tracking_required',
          'a parcel to a home address needs its tracking number',
        );
      next.trackingNumber = tracking;
      break;
    }
    case 'received':
      next.receivedAt = at;
      break;
    case 'returned':
      next.returnedAt = at;
      break;
    case 'withdrawn':
      break;
  }
  return {
    request: next,
    event: { requestId: request.id, version: next.version, action, actorAadObjectId, at, note },
  };
}

/** What the person already has or is waiting for, of one kind. */
export interface DuplicateFinding {
  holds: EquipmentRequest[];
  pending: EquipmentRequest[];
}

export function duplicatesOf(kind: EquipmentKind, own: readonly EquipmentRequest[]): DuplicateFinding {
  const same = own.filter((request) => request.kind === kind);
  return { holds: same.filter(isHeld), pending: same.filter(isOpen) };
}

/**
 * Whether asking for `kind` must bring a laptop along: VPN access is of use only on a company
 * laptop, and this person neither holds one nor has one on the way.
 */
export function needsLaptopFirst(kind: EquipmentKind, own: readonly EquipmentRequest[]): boolean {
  if (!itemOf(kind).requiresLaptop) return false;
  return !own.some((request) => request.kind === 'laptop' && (isHeld(request) || isOpen(request)));
}

/** A holding as the record of who holds what shows it. */
export interface Holding {
  requestId: string;
  number: number;
  aadObjectId: string;
  holderName: string;
  kind: EquipmentKind;
  details: string;
  assetTag: string | null;
  serial: string | null;
  since: string;
}

export function holdingOf(request: EquipmentRequest): Holding | null {
  if (!isHeld(request) || !request.receivedAt) return null;
  return {
    requestId: request.id,
    number: request.number,
    aadObjectId: request.requesterAadObjectId,
    holderName: request.requesterName,
    kind: request.kind,
    details: request.details,
    assetTag: request.assetTag,
    serial: request.serial,
    since: request.receivedAt,
  };
}
