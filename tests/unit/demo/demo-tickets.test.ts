import { describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../../src/demo/demo-organisation.js';
import { generateDemoTickets } from '../../../src/demo/demo-tickets.js';

describe('the demo support tickets', () => {
  const organisation = generateDemoOrganisation();
  let counter = 0;
  const generate = () =>
    generateDemoTickets({
      people: organisation.people,
      sites: organisation.sites,
      createdAt: '2026-11-26T09:00:00.000Z',
      newId: () => `ticket-${++counter}`,
      firstNumber: 1,
      timeZone: 'Europe/Zurich',
    });

  it('covers open, worked, waiting and resolved tickets, each from someone who speaks its language', () => {
    const tickets = generate();
    const statuses = tickets.map(({ states }) => states.at(-1)!.status);
    expect(new Set(statuses)).toEqual(new Set(['new', 'assigned', 'waiting', 'resolved']));
    const locales = new Set(tickets.map(({ states }) => states[0]!.requesterLocale));
    expect(locales).toEqual(new Set(['fr-CH', 'de-CH', 'it-CH']));
    const italian = tickets.find(({ states }) => states[0]!.summary.startsWith('Nessuna copertura'))!;
    expect(italian.states[0]!.requesterLocale).toBe('it-CH');
    expect(tickets.map(({ states }) => states.at(-1)!.number)).toEqual(
      tickets.map((_ticket, index) => index + 1),
    );
  });

  it('gives each ticket the history the real rules produce: one event per version, in time order', () => {
    for (const { states, events } of generate()) {
      expect(events.map((event) => event.version)).toEqual(states.map((state) => state.version));
      expect(events[0]!.action).toBe('opened');
      const times = events.map((event) => event.at);
      expect([...times].sort()).toEqual(times);
      expect(times.every((at) => at <= '2026-11-26T09:00:00.000Z')).toBe(true);
      const last = states.at(-1)!;
      if (last.status === 'resolved') expect(last.resolvedAt).not.toBeNull();
      if (last.status !== 'new') expect(last.assigneeAadObjectId).not.toBeNull();
    }
  });

  it('leaves the featured demo people without tickets, and is the same every time', () => {
    const featured = new Set(featuredDemoPeople(organisation));
    const first = generate();
    expect(first.some(({ states }) => featured.has(states[0]!.requesterAadObjectId))).toBe(false);
    const again = generate();
    expect(again.map(({ states }) => [states[0]!.requesterAadObjectId, states.at(-1)!.status])).toEqual(
      first.map(({ states }) => [states[0]!.requesterAadObjectId, states.at(-1)!.status]),
    );
  });
});
