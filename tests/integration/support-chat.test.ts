import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import type { ProblemKind, Ticket } from '../../src/domain/support/ticket.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { translate } from '../../src/i18n/translate.js';
import {
  allExecuteActions,
  cardText,
  chatPersonOf,
  personalChatOf,
  startChatOverHttp,
  type Card,
  type ChatOverHttp,
  type ChatPerson,
} from '../support/chat-harness.js';
import { executeActions, visibleText } from '../support/teams-activities.js';

/**
 * Connectivity support end to end over HTTP: a message in chat, the first-line fix and triage form,
 * the ticket in the IT queue channel (delivered by the proactive worker to the connector stub), the
 * agents' actions on its card, and the requester told in their directory language at each step.
 */
// Thursday 26 November 2026, 10:00 in Zurich.
const NOW = '2026-11-26T09:00:00.000Z';
const QUEUE = '19:it-connectivity@thread.tacv2';

describe('connectivity support by chat', () => {
  let chat: ChatOverHttp;
  const organisation = generateDemoOrganisation();
  const [alexId, staffId, , itAgentId, adminId] = featuredDemoPeople(organisation);
  const personOf = (aadObjectId: string) =>
    organisation.people.find((candidate) => candidate.aadObjectId === aadObjectId)!;
  const sender = (aadObjectId: string) => chatPersonOf(personOf(aadObjectId));
  const alex = sender(alexId!);
  const staff = sender(staffId!);
  const itAgent = sender(itAgentId!);
  const admin = sender(adminId!);

  beforeAll(async () => {
    chat = await startChatOverHttp({ clock: fixedClock(NOW) });
  });

  afterAll(() => chat?.stop());

  const actionOf = (card: Card, verb: string) => {
    const action = card.actions?.find((candidate) => candidate.verb === verb);
    expect(action, `${verb} on the card`).toBeDefined();
    return { verb, data: action!.data! };
  };
  const numberIn = (text: string) => /CD-\d{6}/.exec(text)?.[0] ?? null;

  /** Delivers what is due and returns the first queue card of a ticket. */
  async function queueCardOf(number: string): Promise<Card> {
    const card = await chat.deliverUntil(() =>
      chat.cardsIn(QUEUE).find((candidate) => candidate && cardText(candidate).includes(number)),
    );
    expect(card, `queue card of ${number}`).toBeDefined();
    return card!;
  }

  it('warns the admins when a ticket reaches no queue', async () => {
    await chat.say(admin, 'help');
    const [reply] = await chat.say(staff, 'I want a person');
    const number = numberIn(visibleText(reply!))!;
    expect(number).not.toBeNull();
    const warning = translate(personOf(admin.aadObjectId).locale, 'support.unrouted', {
      number,
      problem: translate(personOf(admin.aadObjectId).locale, 'support.problem.other'),
    });
    expect(await chat.noticesTo(admin, warning)).toContain(warning);
  });

  it('registers the IT channel as a queue for an IT agent and refuses others politely', async () => {
    const [refused] = await chat.say(staff, 'queue all', { channel: '19:staff-room@thread.tacv2' });
    expect(visibleText(refused!)).toContain('only IT agents and admins');
    const [registered] = await chat.say(itAgent, 'queue connectivity', { channel: QUEUE });
    expect(visibleText(registered!)).toBe('This channel now receives connectivity tickets.');
    const queues = await chat.crewdesk.store.support.listQueues();
    expect(queues.map((queue) => [queue.conversationId, queue.category])).toEqual([[QUEUE, 'connectivity']]);
  });

  const CASES: [text: string, locale: string, problem: ProblemKind][] = [
    ['my VPN does not connect', 'en', 'vpn_blocked'],
    ['Internet ok mais le VPN ne marche pas', 'fr-CH', 'vpn_blocked'],
    ['il token VPN non funziona', 'it-CH', 'vpn_token'],
    ['Mein Token ist kaputt', 'de-CH', 'vpn_token'],
    ["pas d'internet à la maison", 'fr-CH', 'no_home_internet'],
    ['kein Internet zu Hause', 'de-CH', 'no_home_internet'],
    ['connexion très lente', 'fr-CH', 'slow_connection'],
    ['my internet is very slow', 'en', 'slow_connection'],
    ['kein 4G-Empfang', 'de-CH', 'no_mobile_coverage'],
    ['nessuna copertura 4G a casa', 'it-CH', 'no_mobile_coverage'],
    ['my laptop does not start', 'en', 'other'],
    ['Teams ne marche pas sur mon ordinateur', 'fr-CH', 'other'],
  ];

  it.each(CASES)(
    '“%s” (%s): fix, ticket, queue card, assigned, resolved, requester told',
    async (text, locale, problem) => {
      const [reply] = await chat.say(staff, text);
      const form = reply!.attachments![0]!.content as unknown as Card;
      // The fix comes at once, in the language of the words.
      expect(cardText(form)).toContain(translate(locale, `support.problem.${problem}`));
      expect(cardText(form)).toContain(translate(locale, 'support.fixTitle'));
      expect(executeActions(reply!).map((action) => action.verb)).toEqual([
        'support.fixed',
        'support.submit',
        'support.person',
      ]);

      const submit = actionOf(form, 'support.submit');
      const opened = await chat.click(staff, {
        verb: submit.verb,
        data: {
          ...submit.data,
          impact: 'cant_work',
          provider: 'Sunrise',
          hotspotWorks: 'yes',
          deviceOs: 'Windows 11',
        },
      });
      const number = numberIn(cardText(opened));
      expect(number).not.toBeNull();

      const queued = await queueCardOf(number!);
      // Requester, priority, SLA and triage answers are facts of the card.
      expect(JSON.stringify(queued)).toContain(staff.name);
      expect(JSON.stringify(queued)).toContain('Urgent');
      expect(JSON.stringify(queued)).toContain('Sunrise');
      // Urgent: first answer within an hour, at any time.
      expect(JSON.stringify(queued)).toContain('11:00');

      const assigned = await chat.click(itAgent, actionOf(queued, 'ticket.assign'), { channel: QUEUE });
      expect(JSON.stringify(assigned)).toContain(itAgent.name);
      const resolved = await chat.click(itAgent, actionOf(assigned, 'ticket.resolve'), { channel: QUEUE });
      expect(JSON.stringify(resolved)).toContain('Resolved');
      expect(resolved.actions!.map((action) => action.verb)).toEqual(['ticket.reopen']);

      const requesterLocale = personOf(staff.aadObjectId).locale;
      const notices = await chat.noticesTo(
        staff,
        translate(requesterLocale, 'support.requester.resolved', { number: number! }),
      );
      expect(notices).toContain(
        translate(requesterLocale, 'support.requester.assigned', { agent: itAgent.name, number: number! }),
      );
      expect(notices).toContain(
        translate(requesterLocale, 'support.requester.resolved', { number: number! }),
      );

      const ticket = (
        await chat.crewdesk.store.support.listTickets({ requesterAadObjectId: staff.aadObjectId, limit: 1 })
      )[0]!;
      expect(ticket).toMatchObject({ problem, status: 'resolved', priority: 'urgent' });
      expect(
        (await chat.crewdesk.store.support.ticketEvents(ticket.id)).map((event) => event.action),
      ).toEqual(['opened', 'assigned', 'resolved']);
    },
  );

  it('opens no ticket when the fix solved it', async () => {
    const before = (await chat.crewdesk.store.support.listTickets({ limit: 500 })).length;
    const [reply] = await chat.say(staff, 'my wifi is down');
    const thanks = await chat.click(
      staff,
      actionOf(reply!.attachments![0]!.content as unknown as Card, 'support.fixed'),
    );
    expect(cardText(thanks)).toContain('No ticket was opened');
    expect(await chat.crewdesk.store.support.listTickets({ limit: 500 })).toHaveLength(before);
  });

  it('opens a ticket at once when the person asks for a human', async () => {
    const [reply] = await chat.say(staff, "je veux parler à quelqu'un");
    const text = visibleText(reply!);
    expect(text).toContain('Le ticket CD-');
    const ticket = (
      await chat.crewdesk.store.support.listTickets({ requesterAadObjectId: staff.aadObjectId, limit: 1 })
    )[0]!;
    expect(ticket).toMatchObject({ personRequested: true, status: 'new', queueConversationId: QUEUE });
    expect(cardText(await queueCardOf(numberIn(text)!))).toContain(
      translate('en', 'support.card.personRequested'),
    );
  });

  it('lets a replied-to requester read the answer, and keeps one ticket for a double-clicked submit', async () => {
    const [reply] = await chat.say(staff, 'le VPN ne se connecte pas');
    const submit = actionOf(reply!.attachments![0]!.content as unknown as Card, 'support.submit');
    const [first, second] = await Promise.all([chat.click(staff, submit), chat.click(staff, submit)]);
    const number = numberIn(cardText(first));
    expect(numberIn(cardText(second))).toBe(number);
    const all = await chat.crewdesk.store.support.listTickets({ limit: 500 });
    expect(all.filter((ticket) => ticket.number === Number(number!.slice(3)))).toHaveLength(1);

    const queued = await queueCardOf(number!);
    const replyAction = actionOf(queued, 'ticket.reply');
    const answered = await chat.click(
      itAgent,
      {
        verb: replyAction.verb,
        data: { ...replyAction.data, reply: 'Please use the profile Crewdesk TCP 443.' },
      },
      { channel: QUEUE },
    );
    expect(JSON.stringify(answered)).toContain(translate('en', 'support.status.assigned'));
    const notices = await chat.noticesTo(staff, 'Please use the profile Crewdesk TCP 443.');
    expect(notices.some((notice) => notice.includes('Please use the profile Crewdesk TCP 443.'))).toBe(true);
  });

  it('lets one of two agents assigning at once win; the other sees the current state', async () => {
    const [reply] = await chat.say(staff, 'kein 4G-Empfang');
    const opened = await chat.click(
      staff,
      actionOf(reply!.attachments![0]!.content as unknown as Card, 'support.person'),
    );
    const queued = await queueCardOf(numberIn(cardText(opened))!);
    const assign = actionOf(queued, 'ticket.assign');
    const [byAgent, byAdmin] = await Promise.all([
      chat.click(itAgent, assign, { channel: QUEUE }),
      chat.click(admin, assign, { channel: QUEUE }),
    ]);
    const conflict = translate('en', 'support.notice.conflict');
    const losers = [byAgent, byAdmin].filter((card) => cardText(card).includes(conflict));
    expect(losers).toHaveLength(1);
    const ticket = (
      await chat.crewdesk.store.support.listTickets({ requesterAadObjectId: staff.aadObjectId, limit: 1 })
    )[0]!;
    expect(ticket.status).toBe('assigned');
    expect((await chat.crewdesk.store.support.ticketEvents(ticket.id)).map((event) => event.action)).toEqual([
      'opened',
      'assigned',
    ]);
    // The loser's card shows the winner.
    const winnerName = ticket.assigneeAadObjectId === itAgent.aadObjectId ? itAgent.name : admin.name;
    expect(JSON.stringify(losers[0])).toContain(winnerName);
    // The one change is audited, with the state before and after.
    const trail = await chat.crewdesk.store.audit.list({ subject: `ticket:${ticket.id}`, limit: 5 });
    expect(trail.map((event) => [event.action, event.actor, event.before, event.after])).toEqual([
      [
        'ticket.change',
        ticket.assigneeAadObjectId,
        { status: 'new', assignee: null, version: 1 },
        { status: 'assigned', assignee: ticket.assigneeAadObjectId, version: 2, action: 'assigned' },
      ],
    ]);
  });

  it('refuses ticket actions by people outside IT, returning the card with a notice', async () => {
    const [reply] = await chat.say(staff, 'my VPN token is lost');
    const opened = await chat.click(
      staff,
      actionOf(reply!.attachments![0]!.content as unknown as Card, 'support.submit'),
    );
    const queued = await queueCardOf(numberIn(cardText(opened))!);
    const card = await chat.click(staff, actionOf(queued, 'ticket.resolve'), { channel: QUEUE });
    expect(cardText(card)).toContain(translate('en', 'support.notice.forbidden'));
    expect(card.actions!.map((action) => action.verb)).toContain('ticket.resolve');
  });

  it('lets a store manager report for a staff member, who is told', async () => {
    const [reply] = await chat.say(alex, 'no internet at home');
    const form = reply!.attachments![0]!.content as unknown as Card;
    expect(JSON.stringify(form)).toContain(staff.name); // the "for" choice lists his team
    const submit = actionOf(form, 'support.submit');
    const opened = await chat.click(alex, {
      verb: submit.verb,
      data: { ...submit.data, subject: staff.aadObjectId },
    });
    const number = numberIn(cardText(opened))!;
    const ticket = (
      await chat.crewdesk.store.support.listTickets({ requesterAadObjectId: staff.aadObjectId, limit: 1 })
    )[0]!;
    expect(ticket).toMatchObject({ reporterAadObjectId: alex.aadObjectId, requesterName: staff.name });
    const toldOpened = translate(personOf(staff.aadObjectId).locale, 'support.requester.opened', {
      reporter: alex.name,
      number,
    });
    expect(await chat.noticesTo(staff, toldOpened)).toContain(toldOpened);

    // …but staff cannot report for their manager.
    const [own] = await chat.say(staff, 'no internet at home');
    const ownSubmit = actionOf(own!.attachments![0]!.content as unknown as Card, 'support.submit');
    const refused = await chat.click(staff, {
      verb: ownSubmit.verb,
      data: { ...ownSubmit.data, subject: alex.aadObjectId },
    });
    expect(cardText(refused)).toContain(translate('en', 'support.notice.mayNotReportFor'));
  });

  it('serves GET /api/tickets to IT and admins only, and GET /api/me/requests to the requester', async () => {
    const get = (path: string, who: ChatPerson) =>
      fetch(`${chat.crewdesk.baseUrl}${path}`, { headers: { [DEMO_USER_HEADER]: who.aadObjectId } });
    expect((await get('/api/tickets', staff)).status).toBe(403);
    expect((await get('/api/tickets', alex)).status).toBe(403);
    const forIt = await get(
      `/api/tickets?status=resolved&queue=${encodeURIComponent(QUEUE)}&category=connectivity`,
      itAgent,
    );
    expect(forIt.status).toBe(200);
    const { tickets } = (await forIt.json()) as {
      tickets: { status: string; reference: string; sourceKey?: string }[];
    };
    expect(tickets.length).toBeGreaterThanOrEqual(12);
    expect(tickets.every((ticket) => ticket.status === 'resolved' && ticket.sourceKey === undefined)).toBe(
      true,
    );
    expect((await get('/api/tickets?status=bogus', admin)).status).toBe(400);

    const mine = await get('/api/me/requests?open=true', staff);
    expect(mine.status).toBe(200);
    const own = (await mine.json()) as { tickets: { requesterAadObjectId: string; status: string }[] };
    expect(own.tickets.length).toBeGreaterThan(0);
    expect(own.tickets.every((ticket) => ticket.requesterAadObjectId === staff.aadObjectId)).toBe(true);
    expect(own.tickets.every((ticket) => ticket.status !== 'resolved')).toBe(true);
    const alexOwn = (await (await get('/api/me/requests', alex)).json()) as { tickets: unknown[] };
    expect(alexOwn.tickets).toHaveLength(0);
  });

  it('escalates a ticket whose first answer is overdue to its queue and the admins, once', async () => {
    const ticketDue = async (due: string): Promise<Ticket> => {
      const number = await chat.crewdesk.store.support.nextTicketNumber();
      const ticket: Ticket = {
        id: `overdue-${number}`,
        number,
        category: 'connectivity',
        problem: 'no_home_internet',
        summary: 'Plus d’internet depuis ce matin',
        requesterAadObjectId: staff.aadObjectId,
        requesterName: staff.name,
        requesterLocale: 'fr-CH',
        reporterAadObjectId: staff.aadObjectId,
        siteId: null,
        canton: 'VD',
        triage: { impact: 'cant_work' },
        priority: 'urgent',
        status: 'new',
        assigneeAadObjectId: null,
        queueConversationId: QUEUE,
        personRequested: true,
        createdAt: '2026-11-26T07:00:00.000Z',
        updatedAt: '2026-11-26T07:00:00.000Z',
        firstAnswerDueAt: due,
        firstAnsweredAt: null,
        resolvedAt: null,
        version: 1,
        sourceKey: `form:overdue-${number}`,
      };
      await chat.crewdesk.store.support.insertTicket(ticket, {
        ticketId: ticket.id,
        version: 1,
        action: 'opened',
        actorAadObjectId: staff.aadObjectId,
        at: ticket.createdAt,
        note: null,
      });
      return ticket;
    };
    // An hour late at 10:00 Zurich time, and one not due before 11:00.
    const late = await ticketDue('2026-11-26T08:00:00.000Z');
    const early = await ticketDue('2026-11-26T10:00:00.000Z');
    const label = (ticket: Ticket) => `CD-${String(ticket.number).padStart(6, '0')}`;

    expect(await chat.crewdesk.proactive.escalateOverdue()).toBe(1);
    expect(await chat.crewdesk.proactive.escalateOverdue()).toBe(0);
    expect((await chat.crewdesk.store.support.findTicket(late.id))?.escalatedAt).toBe(NOW);
    expect((await chat.crewdesk.store.support.findTicket(early.id))?.escalatedAt).toBeNull();

    const inQueue = await chat.deliverUntil(() =>
      chat.connector
        .repliesTo(QUEUE)
        .map((reply) => visibleText(reply.activity))
        .find((text) => text.includes(label(late)) && text.includes('overdue')),
    );
    expect(inQueue).toContain('nobody has answered yet');
    const toAdmin = await chat.deliverUntil(() =>
      chat.connector
        .repliesTo(personalChatOf(admin))
        .map((reply) => visibleText(reply.activity))
        .find((text) => text.includes(label(late))),
    );
    expect(toAdmin).toBeDefined();
    const escalations = chat.connector
      .repliesTo(QUEUE)
      .filter((reply) => visibleText(reply.activity).includes(`${label(late)} is overdue`));
    expect(escalations).toHaveLength(1);
    expect(
      chat.connector
        .repliesTo(QUEUE)
        .some((reply) => visibleText(reply.activity).includes(`${label(early)} is overdue`)),
    ).toBe(false);
  });

  it('lists the requester’s open requests in chat and lets them withdraw one, nobody else', async () => {
    const [reply] = await chat.say(staff, 'my requests');
    const card = reply!.attachments![0]!.content as unknown as Card;
    expect(cardText(card)).toContain('Your open requests');
    const withdrawals = JSON.stringify(card).match(/"verb":"support.withdraw"/g) ?? [];
    expect(withdrawals.length).toBeGreaterThan(0);
    const [first] = allExecuteActions(card).filter((action) => action.verb === 'support.withdraw');
    const ticketId = first!.data.ticketId as string;
    const before = await chat.crewdesk.store.support.findTicket(ticketId);
    expect(before?.requesterAadObjectId).toBe(staff.aadObjectId);

    const byOutsider = await chat.click(itAgent, { verb: 'support.withdraw', data: first!.data });
    expect(cardText(byOutsider)).toContain('Only the person who asked can withdraw');
    expect((await chat.crewdesk.store.support.findTicket(ticketId))?.status).toBe(before!.status);

    const withdrawn = await chat.click(staff, { verb: 'support.withdraw', data: first!.data });
    const number = `CD-${String(before!.number).padStart(6, '0')}`;
    expect(cardText(withdrawn)).toContain(`${number} is withdrawn`);
    expect(cardText(withdrawn)).not.toContain(`${number} ·`);
    expect((await chat.crewdesk.store.support.findTicket(ticketId))?.status).toBe('withdrawn');

    const again = await chat.click(staff, { verb: 'support.withdraw', data: first!.data });
    expect(cardText(again)).toContain(`${number} changed in the meantime`);
    const trail = await chat.crewdesk.store.audit.list({ subject: `ticket:${ticketId}`, limit: 10 });
    expect(trail.filter((event) => (event.after as { action?: string }).action === 'withdrawn')).toHaveLength(
      1,
    );
  });

  it('answers “mes demandes” in French with nothing open for someone who asked for nothing', async () => {
    const [reply] = await chat.say(admin, 'mes demandes', { locale: 'fr-CH' });
    expect(visibleText(reply!)).toContain('Vous n’avez aucun ticket ni aucune demande de matériel en cours.');
  });

  it('keeps a queue card current: Teams’ refresh gets the ticket as it is now', async () => {
    const [reply] = await chat.say(staff, 'kein 4G-Empfang');
    const opened = await chat.click(
      staff,
      actionOf(reply!.attachments![0]!.content as unknown as Card, 'support.person'),
    );
    const number = numberIn(cardText(opened))!;
    const queued = await queueCardOf(number);
    const refresh = (
      queued as unknown as { refresh?: { action: { verb: string; data: Record<string, unknown> } } }
    ).refresh;
    expect(refresh?.action.verb).toBe('ticket.refresh');
    expect(JSON.stringify(await chat.click(itAgent, refresh!.action, { channel: QUEUE }))).toContain(
      '"value":"New"',
    );

    await chat.click(itAgent, actionOf(queued, 'ticket.assign'), { channel: QUEUE });
    const current = await chat.click(admin, refresh!.action, { channel: QUEUE });
    expect(JSON.stringify(current)).toContain('"value":"Assigned"');
    expect(JSON.stringify(current)).toContain(itAgent.name);
    // The refreshed card replaced the queue's message for everyone, not only for the one who looked.
    expect(chat.connector.updates.some((update) => update.conversationId === QUEUE)).toBe(true);
  });
});
