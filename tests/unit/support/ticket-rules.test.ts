import { describe, expect, it } from 'vitest';
import { routeTicket } from '../../../src/domain/support/routing.js';
import { firstAnswerDue } from '../../../src/domain/support/sla.js';
import {
  applyAction,
  priorityOf,
  ticketNumberLabel,
  type Ticket,
} from '../../../src/domain/support/ticket.js';

const zurich = { canton: 'VD', timeZone: 'Europe/Zurich' };
const due = (openedAt: string, priority: Parameters<typeof firstAnswerDue>[1], canton = 'VD') =>
  firstAnswerDue(new Date(openedAt), priority, { ...zurich, canton }).toISOString();

describe('the first-answer clock', () => {
  it('gives urgent tickets one hour at any time, nights and Sundays included', () => {
    expect(due('2026-11-29T22:30:00.000Z', 'urgent')).toBe('2026-11-29T23:30:00.000Z');
  });

  it('counts business hours 08:00–18:00 on work days for the others', () => {
    // Friday 27 November 16:00 in Zurich (15:00 UTC) + 4 business hours → Monday 10:00.
    expect(due('2026-11-27T15:00:00.000Z', 'high')).toBe('2026-11-30T09:00:00.000Z');
    // Opened at night: the clock starts at 08:00.
    expect(due('2026-11-26T03:00:00.000Z', 'high')).toBe('2026-11-26T11:00:00.000Z');
    // One business day, three business days.
    expect(due('2026-11-26T09:00:00.000Z', 'normal')).toBe('2026-11-27T09:00:00.000Z');
    expect(due('2026-11-26T09:00:00.000Z', 'low')).toBe('2026-12-01T09:00:00.000Z');
  });

  it('skips the public holidays of the requester’s canton, across daylight saving time', () => {
    // Thursday 24 December 2026 17:00 + 4 h: Christmas (25th) and the weekend are closed; in Vaud
    // the 26th is not a public holiday but a Saturday → Monday 28th 11:00.
    expect(due('2026-12-24T16:00:00.000Z', 'high')).toBe('2026-12-28T10:00:00.000Z');
    // Friday 27 March 2026 17:00 + 4 h → Monday 30 March 11:00, after the switch to summer time.
    expect(due('2026-03-27T16:00:00.000Z', 'high')).toBe('2026-03-30T09:00:00.000Z');
  });
});

describe('ticket rules', () => {
  const ticket: Ticket = {
    id: 't1',
    number: 123,
    category: 'connectivity',
    problem: 'vpn_blocked',
    summary: 'VPN',
    requesterAadObjectId: 'r',
    requesterName: 'R',
    requesterLocale: 'fr-CH',
    reporterAadObjectId: 'r',
    siteId: null,
    canton: null,
    triage: {},
    priority: 'high',
    status: 'new',
    assigneeAadObjectId: null,
    queueConversationId: null,
    personRequested: false,
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    firstAnswerDueAt: '2026-11-26T13:00:00.000Z',
    firstAnsweredAt: null,
    resolvedAt: null,
    version: 1,
    sourceKey: 'form:1',
  };

  it('numbers tickets for the phone', () => {
    expect(ticketNumberLabel(123)).toBe('CD-000123');
  });

  it('derives the priority from the impact', () => {
    expect(priorityOf('slow_connection', 'cant_work')).toBe('urgent');
    expect(priorityOf('vpn_token', 'degraded')).toBe('high');
    expect(priorityOf('slow_connection', 'degraded')).toBe('normal');
    expect(priorityOf('other', 'degraded')).toBe('low');
    expect(priorityOf('vpn_blocked', undefined)).toBe('normal');
  });

  it('records each change as an event and bumps the version', () => {
    const at = '2026-11-26T09:10:00.000Z';
    const assigned = applyAction(ticket, { action: 'assigned', actorAadObjectId: 'agent', at });
    expect(assigned.ticket).toMatchObject({ status: 'assigned', assigneeAadObjectId: 'agent', version: 2 });
    expect(assigned.event).toEqual({
      ticketId: 't1',
      version: 2,
      action: 'assigned',
      actorAadObjectId: 'agent',
      at,
      note: null,
    });
    const resolved = applyAction(assigned.ticket, { action: 'resolved', actorAadObjectId: 'agent', at });
    expect(resolved.ticket).toMatchObject({
      status: 'resolved',
      resolvedAt: at,
      firstAnsweredAt: at,
      version: 3,
    });
    expect(() =>
      applyAction(resolved.ticket, { action: 'waiting', actorAadObjectId: 'agent', at }),
    ).toThrow();
    expect(
      applyAction(resolved.ticket, { action: 'reopened', actorAadObjectId: 'agent', at }).ticket.status,
    ).toBe('assigned');
  });

  it('routes to the category’s channel, else the first “all” channel, else nowhere', () => {
    const queue = (
      conversationId: string,
      category: 'connectivity' | 'equipment' | 'all',
      registeredAt: string,
    ) => ({
      conversationId,
      category,
      registeredAt,
      registeredBy: 'it',
      locale: 'en',
    });
    expect(routeTicket('connectivity', [])).toBeNull();
    const all = [
      queue('b', 'all', '2026-02-01'),
      queue('a', 'all', '2026-01-01'),
      queue('e', 'equipment', '2026-01-01'),
    ];
    expect(routeTicket('connectivity', all)?.conversationId).toBe('a');
    expect(
      routeTicket('connectivity', [...all, queue('c', 'connectivity', '2026-03-01')])?.conversationId,
    ).toBe('c');
  });
});
