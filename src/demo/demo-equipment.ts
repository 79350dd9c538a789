/**
 * The demo organisation's equipment: what head-office staff already hold (company laptops, VPN
 * tokens, screens) and a handful of requests at every step — waiting for a manager, approved and
 * waiting for IT, ordered, shipped, rejected, returned. Deterministic; built by replaying the real
 * rules (`applyChange`), so every request has the history a real one would have.
 */
import { hasRole, type Person, type Site } from '../domain/directory/people.js';
import type { EquipmentKind } from '../domain/equipment/catalogue.js';
import {
  applyChange,
  type ChangeAction,
  type EquipmentEvent,
  type EquipmentRequest,
  type Fulfilment,
} from '../domain/equipment/equipment-request.js';
import { featuredDemoPeople } from './demo-organisation.js';
import { HEAD_OFFICE } from './swiss-towns.js';

/** One step of a demo request's life: what, by whom, how many days before the seed. */
interface DemoStep {
  action: ChangeAction;
  by: 'manager' | 'it' | 'requester';
  daysAgo: number;
  note?: string;
  fulfilment?: Fulfilment;
}

export interface DemoEquipmentRequest {
  request: EquipmentRequest;
  events: EquipmentEvent[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HELD_LAPTOPS = 30;
const HELD_TOKENS = 10;
const HELD_SCREENS = 5;

/** Swiss Post parcel numbers look like this. */
const tracking = (n: number) => `99.60.${String(100000 + n)}.${String(20000000 + n * 7919).slice(0, 8)}`;

/**
 * The demo requests, numbered from `firstNumber`. Featured demo people (the walk-through's cast)
 * get none, so that a demo or a test starts from a clean slate for them.
 */
export function generateDemoEquipment(options: {
  people: readonly Person[];
  sites: readonly Site[];
  /** The seed's instant (ISO): histories end before it. */
  createdAt: string;
  newId: () => string;
  firstNumber: number;
}): DemoEquipmentRequest[] {
  const featured = new Set(featuredDemoPeople({ people: [...options.people], sites: [...options.sites] }));
  const active = options.people
    .filter((person) => person.active && !featured.has(person.aadObjectId))
    .sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
  const itAgent = options.people.find((person) => person.active && hasRole(person, 'it'));
  const headOffice = active.filter((person) => person.siteId === HEAD_OFFICE.id && person.managerAadObjectId);
  const inStores = active.filter((person) => person.siteId !== HEAD_OFFICE.id && person.managerAadObjectId);
  const base = Date.parse(options.createdAt);
  const at = (daysAgo: number) => new Date(base - daysAgo * DAY_MS).toISOString();
  let number = options.firstNumber;
  let asset = 1;

  const make = (
    person: Person,
    kind: EquipmentKind,
    reason: string,
    requestedDaysAgo: number,
    steps: DemoStep[],
    extra: { details?: string; home?: boolean } = {},
  ): DemoEquipmentRequest => {
    const createdAt = at(requestedDaysAgo);
    let request: EquipmentRequest = {
      id: options.newId(),
      number: number++,
      kind,
      details: extra.details ?? '',
      reason,
      delivery: extra.home
        ? { kind: 'home', address: `${person.displayName}, Rue du Lac 12, 1003 Lausanne` }
        : { kind: 'site', siteId: person.siteId ?? HEAD_OFFICE.id },
      requesterAadObjectId: person.aadObjectId,
      requesterName: person.displayName,
      requesterLocale: person.locale,
      approverAadObjectId: person.managerAadObjectId,
      status: 'pending_approval',
      duplicateOf: null,
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
      source: null,
      assetTag: null,
      serial: null,
      trackingNumber: null,
      queueConversationId: null,
      createdAt,
      updatedAt: createdAt,
      receivedAt: null,
      returnedAt: null,
      version: 1,
      sourceKey: `demo:${person.aadObjectId}:${kind}:${requestedDaysAgo}`,
    };
    const events: EquipmentEvent[] = [
      {
        requestId: request.id,
        version: 1,
        action: 'requested',
        actorAadObjectId: person.aadObjectId,
        at: createdAt,
        note: null,
      },
    ];
    for (const step of steps) {
      const actor =
        step.by === 'manager'
          ? (person.managerAadObjectId ?? 'demo-seed')
          : step.by === 'it'
            ? (itAgent?.aadObjectId ?? 'demo-seed')
            : person.aadObjectId;
      const changed = applyChange(request, {
        action: step.action,
        actorAadObjectId: actor,
        at: at(step.daysAgo),
        note: step.note ?? null,
        ...(step.fulfilment ? { fulfilment: step.fulfilment } : {}),
      });
      request = changed.request;
      events.push(changed.event);
    }
    return { request, events };
  };

  const device = (prefix: string) => {
    const n = asset++;
    return { assetTag: `${prefix}-${String(n).padStart(5, '0')}`, serial: `SN${String(730000 + n * 37)}` };
  };
  const handedOver = (prefix: string, daysAgo: number, options: { home?: boolean } = {}): DemoStep[] => [
    { action: 'approved', by: 'manager', daysAgo },
    { action: 'allocated', by: 'it', daysAgo: daysAgo - 1, fulfilment: device(prefix) },
    {
      action: 'shipped',
      by: 'it',
      daysAgo: daysAgo - 1,
      ...(options.home ? { fulfilment: { trackingNumber: tracking(asset) } } : {}),
    },
    { action: 'received', by: 'requester', daysAgo: daysAgo - 3 },
  ];

  const demo: DemoEquipmentRequest[] = [];
  headOffice.slice(0, HELD_LAPTOPS).forEach((person, index) => {
    demo.push(
      make(
        person,
        'laptop',
        'Working from home three days a week',
        60 - (index % 10),
        handedOver('LT', 59 - (index % 10)),
      ),
    );
  });
  headOffice.slice(0, HELD_TOKENS).forEach((person, index) => {
    demo.push(
      make(
        person,
        'vpn_token',
        'VPN access from home',
        50 - index,
        handedOver('TK', 49 - index, { home: true }),
        { home: true },
      ),
    );
  });
  headOffice.slice(HELD_TOKENS, HELD_TOKENS + HELD_SCREENS).forEach((person, index) => {
    demo.push(
      make(
        person,
        'screen',
        'Spreadsheets all day: one laptop screen is too small',
        40 - index,
        handedOver('SC', 39 - index, { home: true }),
        { home: true, details: '24 inch' },
      ),
    );
  });

  const [waiting, forIt, ordered, shipped, rejected, returned] = [
    inStores[0],
    inStores[1],
    inStores[2],
    headOffice[HELD_LAPTOPS],
    headOffice[HELD_LAPTOPS + 1],
    headOffice[HELD_LAPTOPS + 2],
  ];
  if (waiting) demo.push(make(waiting, 'headset', 'Calls with customers from home', 1, []));
  if (forIt)
    demo.push(
      make(
        forIt,
        'mobile_router',
        'No fixed internet line at home',
        3,
        [{ action: 'approved', by: 'manager', daysAgo: 2, note: 'Yes, urgent please' }],
        { home: true },
      ),
    );
  if (ordered)
    demo.push(
      make(ordered, 'docking_station', 'Two screens and a laptop on one cable', 10, [
        { action: 'approved', by: 'manager', daysAgo: 9 },
        { action: 'ordered', by: 'it', daysAgo: 8 },
      ]),
    );
  if (shipped)
    demo.push(
      make(
        shipped,
        'laptop',
        'New in the team, working from home',
        6,
        [
          { action: 'approved', by: 'manager', daysAgo: 5 },
          { action: 'allocated', by: 'it', daysAgo: 4, fulfilment: device('LT') },
          { action: 'shipped', by: 'it', daysAgo: 2, fulfilment: { trackingNumber: tracking(asset) } },
        ],
        { home: true },
      ),
    );
  if (rejected)
    demo.push(
      make(
        rejected,
        'screen',
        'A bigger screen would be nice',
        12,
        [
          {
            action: 'rejected',
            by: 'manager',
            daysAgo: 11,
            note: 'Please use the shared screens on your office days.',
          },
        ],
        { home: true },
      ),
    );
  if (returned)
    demo.push(
      make(returned, 'keyboard_mouse', 'Sore wrist', 90, [
        ...handedOver('KM', 89),
        { action: 'returned', by: 'requester', daysAgo: 20, note: 'Back in the office full time' },
      ]),
    );
  return demo;
}
