/**
 * The demo organisation's support tickets: a realistic week of connectivity problems — open ones
 * waiting for IT, some being worked, some waiting for the requester, most resolved — built by
 * replaying the real rules (`applyAction`), so that each has the history a real one would have.
 * Deterministic; the featured demo people get none (a walk-through starts from a clean slate).
 */
import { hasRole, type Person, type Site } from '../domain/directory/people.js';
import { firstAnswerDue } from '../domain/support/sla.js';
import {
  applyAction,
  priorityOf,
  type AgentAction,
  type Impact,
  type ProblemKind,
  type Ticket,
  type TicketEvent,
  type Triage,
} from '../domain/support/ticket.js';
import { featuredDemoPeople } from './demo-organisation.js';

export interface DemoTicket {
  /** The ticket after each event: `states[i]` is what `events[i]` produced; the last is now. */
  states: Ticket[];
  /** The opening event first, then each change in order. */
  events: TicketEvent[];
}

interface DemoCase {
  /** The language the summary is written in: the requester speaks it. */
  locale: 'fr-CH' | 'de-CH' | 'it-CH';
  problem: ProblemKind;
  impact: Impact;
  summary: string;
  triage: Triage;
  /** Hours before the seed that it was opened. */
  hoursAgo: number;
  steps: { action: AgentAction; hoursAfter: number; note?: string }[];
}

const CASES: DemoCase[] = [
  {
    locale: 'fr-CH',
    problem: 'vpn_blocked',
    impact: 'cant_work',
    summary: 'Internet marche mais le VPN ne se connecte pas (Free, Annemasse)',
    triage: {
      provider: 'Free',
      country: 'FR',
      postcode: '74100',
      connectionType: 'fibre',
      hotspotWorks: 'yes',
    },
    hoursAgo: 30,
    steps: [{ action: 'assigned', hoursAfter: 0.5 }],
  },
  {
    locale: 'it-CH',
    problem: 'no_mobile_coverage',
    impact: 'degraded',
    summary: 'Nessuna copertura 4G a casa, valle Maggia',
    triage: { country: 'CH', postcode: '6673', connectionType: 'mobile' },
    hoursAgo: 2,
    steps: [],
  },
  {
    locale: 'de-CH',
    problem: 'vpn_token',
    impact: 'cant_work',
    summary: 'VPN-Token verloren',
    triage: { deviceOs: 'Windows 11', exactError: 'Token nicht erkannt' },
    hoursAgo: 240,
    steps: [
      { action: 'assigned', hoursAfter: 0.3 },
      { action: 'replied', hoursAfter: 0.5, note: 'Neuer Token per Post unterwegs.' },
      { action: 'resolved', hoursAfter: 48 },
    ],
  },
  {
    locale: 'fr-CH',
    problem: 'slow_connection',
    impact: 'degraded',
    summary: 'Connexion très lente le soir, Teams coupe',
    triage: { provider: 'Swisscom', connectionType: 'dsl', speedTest: '3 Mbit/s down, 0.5 up' },
    hoursAgo: 50,
    steps: [
      { action: 'assigned', hoursAfter: 2 },
      { action: 'replied', hoursAfter: 3, note: 'Pouvez-vous refaire un test de vitesse le soir ?' },
      { action: 'waiting', hoursAfter: 3 },
    ],
  },
  {
    locale: 'de-CH',
    problem: 'no_home_internet',
    impact: 'cant_work',
    summary: 'Kein Internet zu Hause seit gestern',
    triage: { provider: 'Sunrise', connectionType: 'cable', router: 'Connect Box' },
    hoursAgo: 120,
    steps: [
      { action: 'assigned', hoursAfter: 0.2 },
      { action: 'resolved', hoursAfter: 6 },
    ],
  },
  {
    locale: 'it-CH',
    problem: 'vpn_blocked',
    impact: 'degraded',
    summary: 'VPN bloccata dal router di casa',
    triage: { provider: 'Salt', router: 'Salt Fiber Box', hotspotWorks: 'yes' },
    hoursAgo: 190,
    steps: [
      { action: 'assigned', hoursAfter: 1 },
      { action: 'replied', hoursAfter: 1.5, note: 'Profilo VPN TCP 443 installato.' },
      { action: 'resolved', hoursAfter: 2 },
    ],
  },
  {
    locale: 'fr-CH',
    problem: 'other',
    impact: 'degraded',
    summary: 'Le micro du casque ne marche pas dans Teams',
    triage: { deviceOs: 'Windows 11' },
    hoursAgo: 6,
    steps: [{ action: 'assigned', hoursAfter: 1 }],
  },
  {
    locale: 'de-CH',
    problem: 'slow_connection',
    impact: 'degraded',
    summary: 'Verbindung bricht immer wieder ab',
    triage: { provider: 'UPC', connectionType: 'cable' },
    hoursAgo: 400,
    steps: [
      { action: 'assigned', hoursAfter: 3 },
      { action: 'resolved', hoursAfter: 30 },
      { action: 'reopened', hoursAfter: 50 },
      { action: 'resolved', hoursAfter: 70 },
    ],
  },
];

const HOUR_MS = 60 * 60 * 1000;

export function generateDemoTickets(options: {
  people: readonly Person[];
  sites: readonly Site[];
  createdAt: string;
  newId: () => string;
  firstNumber: number;
  timeZone: string;
}): DemoTicket[] {
  const featured = new Set(featuredDemoPeople({ people: [...options.people], sites: [...options.sites] }));
  const candidates = options.people
    .filter((person) => person.active && !featured.has(person.aadObjectId) && person.managerAadObjectId)
    .sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
  const agent = options.people.find((person) => person.active && hasRole(person, 'it'));
  if (!agent || candidates.length === 0) return [];
  const cantonOf = new Map(options.sites.map((site) => [site.id, site.canton]));
  const base = Date.parse(options.createdAt);
  return CASES.map((demo, index) => {
    // Spread over the organisation, among the people who speak the summary's language.
    const speakers = candidates.filter((person) => person.locale === demo.locale);
    const pool = speakers.length > 0 ? speakers : candidates;
    const requester = pool[(index * 37 + 7) % pool.length]!;
    const opened = new Date(base - demo.hoursAgo * HOUR_MS);
    const canton = requester.siteId ? (cantonOf.get(requester.siteId) ?? null) : null;
    const priority = priorityOf(demo.problem, demo.impact);
    const id = options.newId();
    let ticket: Ticket = {
      id,
      number: options.firstNumber + index,
      category: 'connectivity',
      problem: demo.problem,
      summary: demo.summary,
      requesterAadObjectId: requester.aadObjectId,
      requesterName: requester.displayName,
      requesterLocale: requester.locale,
      reporterAadObjectId: requester.aadObjectId,
      siteId: requester.siteId,
      canton,
      triage: { ...demo.triage, impact: demo.impact },
      priority,
      status: 'new',
      assigneeAadObjectId: null,
      queueConversationId: null,
      personRequested: false,
      createdAt: opened.toISOString(),
      updatedAt: opened.toISOString(),
      firstAnswerDueAt: firstAnswerDue(opened, priority, {
        canton,
        timeZone: options.timeZone,
      }).toISOString(),
      firstAnsweredAt: null,
      resolvedAt: null,
      version: 1,
      sourceKey: `demo:ticket:${index + 1}`,
      // Seeded history is not news: no escalation for what was overdue before the seed.
      escalatedAt: options.createdAt,
    };
    const events: TicketEvent[] = [
      {
        ticketId: id,
        version: 1,
        action: 'opened',
        actorAadObjectId: requester.aadObjectId,
        at: ticket.createdAt,
        note: null,
      },
    ];
    const states: Ticket[] = [ticket];
    for (const change of demo.steps) {
      const at = new Date(opened.getTime() + change.hoursAfter * HOUR_MS).toISOString();
      const next = applyAction(ticket, {
        action: change.action,
        actorAadObjectId: agent.aadObjectId,
        at,
        note: change.note ?? null,
      });
      ticket = { ...next.ticket, escalatedAt: options.createdAt };
      states.push(ticket);
      events.push(next.event);
    }
    return { states, events };
  });
}
