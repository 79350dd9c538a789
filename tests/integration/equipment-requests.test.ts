import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { requestNumberLabel, type EquipmentRequest } from '../../src/domain/equipment/equipment-request.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { translate, type MessageKey, type MessageParams } from '../../src/i18n/translate.js';
import {
  cardText,
  chatPersonOf,
  personalChatOf,
  startChatOverHttp,
  type Card,
  type ChatOverHttp,
  type ChatPerson,
} from '../support/chat-harness.js';
import { visibleText } from '../support/teams-activities.js';

/**
 * Equipment requests end to end over HTTP: a request from chat, the manager's approval card
 * (delivered by the proactive worker to the connector stub), the IT queue card and its fulfilment
 * actions, the requester's receipt and return, and the requester told in their directory language.
 */
// Thursday 26 November 2026, 10:00 in Zurich.
const NOW = '2026-11-26T09:00:00.000Z';
const QUEUE = '19:it-equipment@thread.tacv2';
const HOME = 'Chemin des Vignes 4, 1009 Pully';

describe('equipment requests by chat', () => {
  let chat: ChatOverHttp;
  const organisation = generateDemoOrganisation();
  const [alexId, staffId, , itAgentId, adminId, , italianId, germanId] = featuredDemoPeople(organisation);
  const personOf = (aadObjectId: string) =>
    organisation.people.find((candidate) => candidate.aadObjectId === aadObjectId)!;
  const sender = (aadObjectId: string) => chatPersonOf(personOf(aadObjectId));
  const alex = sender(alexId!);
  const staff = sender(staffId!);
  const itAgent = sender(itAgentId!);
  const admin = sender(adminId!);
  const italian = sender(italianId!);
  const german = sender(germanId!);
  // Alex's own manager: up the chain from the requester, so may decide too.
  const alexManager = sender(personOf(alexId!).managerAadObjectId!);
  const staffLocale = personOf(staffId!).locale;
  const inStaffs = (key: MessageKey, params?: MessageParams) => translate(staffLocale, key, params);

  const cardOf = (reply: { attachments?: { content: unknown }[] } | undefined) =>
    reply!.attachments![0]!.content as unknown as Card;
  /** What the card's inputs hold before anyone types: their preset values. */
  const presetInputs = (card: Card) =>
    Object.fromEntries(
      card.body
        .filter((element) => typeof element.id === 'string' && String(element.type).startsWith('Input.'))
        .flatMap((element) => (element.value === undefined ? [] : [[element.id as string, element.value]])),
    );
  /** The button `verb` of a card, with what its inputs hold merged in (as Teams sends them). */
  const actionOf = (card: Card, verb: string, typed: Record<string, unknown> = {}) => {
    const action = card.actions?.find((candidate) => candidate.verb === verb);
    expect(action, `${verb} on the card`).toBeDefined();
    return { verb, data: { ...presetInputs(card), ...action!.data!, ...typed } };
  };
  /** Buttons inside the body (ActionSets: the requester's own requests on the form). */
  const bodyActionOf = (card: Card, verb: string) => {
    const found = JSON.stringify(card.body);
    const sets = (
      JSON.parse(found) as { type: string; actions?: { verb: string; data: Record<string, unknown> }[] }[]
    )
      .filter((element) => element.type === 'ActionSet')
      .flatMap((element) => element.actions ?? []);
    const action = sets.find((candidate) => candidate.verb === verb);
    expect(action, `${verb} in the card's body`).toBeDefined();
    return { verb, data: action!.data };
  };
  const numberIn = (text: string) => /EQ-\d{6}/.exec(text)?.[0] ?? null;

  /** The newest card delivered to a conversation that mentions `text`. */
  async function cardIn(conversationId: string, text: string): Promise<Card> {
    const card = await chat.deliverUntil(() =>
      chat
        .cardsIn(conversationId)
        .filter((candidate) => candidate && cardText(candidate).includes(text))
        .at(-1),
    );
    expect(card, `a card mentioning ${text} in ${conversationId}`).toBeDefined();
    return card!;
  }

  const requestByNumber = async (number: string): Promise<EquipmentRequest> => {
    const all = await chat.crewdesk.store.equipment.listRequests({ limit: 1000 });
    const found = all.find((request) => requestNumberLabel(request.number) === number);
    expect(found, number).toBeDefined();
    return found!;
  };
  const actionsOf = async (request: EquipmentRequest) =>
    (await chat.crewdesk.store.equipment.requestEvents(request.id)).map((event) => [
      event.action,
      event.actorAadObjectId,
    ]);

  /** Asks in chat, fills the form and submits it; returns the answer card. */
  async function request(
    from: ChatPerson,
    text: string,
    form: Record<string, unknown>,
    options: { locale?: string } = {},
  ): Promise<{ form: Card; answer: Card }> {
    const [reply] = await chat.say(from, text, options);
    const shownForm = cardOf(reply);
    const answer = await chat.click(from, actionOf(shownForm, 'equipment.submit', form));
    return { form: shownForm, answer };
  }

  beforeAll(async () => {
    chat = await startChatOverHttp({ clock: fixedClock(NOW) });
    // Everyone writes once, so that the bot may write to them later (stored conversations).
    for (const person of [alex, staff, itAgent, admin, alexManager, italian, german])
      await chat.say(person, 'help');
    const [registered] = await chat.say(itAgent, 'queue equipment', { channel: QUEUE });
    expect(visibleText(registered!)).toBe('This channel now receives equipment tickets.');
  });

  afterAll(() => chat?.stop());

  it.each([
    ['I need a laptop', 'en-US', 'laptop', 'en'],
    ["j'ai besoin d'un casque", 'en-US', 'headset', 'fr-CH'],
    ['ich brauche einen Bildschirm', 'de-CH', 'screen', 'de-CH'],
    ['mi serve un router 4G', 'it-CH', 'mobile_router', 'it-CH'],
  ] as const)(
    '“%s” opens the request form with the item chosen, in the words’ language',
    async (text, locale, kind, replyLocale) => {
      const [reply] = await chat.say(staff, text, { locale });
      const form = cardOf(reply);
      expect(cardText(form)).toContain(translate(replyLocale, 'equipment.form.title'));
      const kindInput = form.body.find((element) => element.id === 'kind');
      expect(kindInput?.value).toBe(kind);
      expect(form.actions?.map((action) => action.verb)).toEqual(['equipment.submit']);
    },
  );

  it.each([
    ['equipment', 'en'],
    ['matériel', 'fr-CH'],
    ['Ausrüstung', 'de-CH'],
    ['attrezzatura', 'it-CH'],
  ])('“%s” opens the catalogue (%s)', async (text, locale) => {
    const [reply] = await chat.say(staff, text);
    const form = cardOf(reply);
    expect(cardText(form)).toContain(translate(locale, 'equipment.form.title'));
    expect(JSON.stringify(form)).toContain(translate(locale, 'equipment.kind.vpn_token'));
  });

  it('goes from chat to approval, fulfilment, receipt, holdings and return, telling the requester each step', async () => {
    const { answer } = await request(staff, 'I need a headset', {
      reason: 'Calls with customers from home',
      delivery: 'home',
      address: HOME,
    });
    const number = numberIn(cardText(answer))!;
    expect(cardText(answer)).toContain(
      translate('en', 'equipment.submitted', {
        number,
        kind: translate('en', 'equipment.kind.headset'),
        approver: alex.name,
      }),
    );

    // The manager's approval card arrives in his chat, in his language.
    const approval = await cardIn(personalChatOf(alex), number);
    expect(cardText(approval)).toContain(translate('en', 'equipment.approval.title', { number }));
    expect(JSON.stringify(approval)).toContain(HOME);
    const approved = await chat.click(
      alex,
      actionOf(approval, 'equipment.approve', { comment: 'Of course' }),
    );
    expect(cardText(approved)).toContain('Approved by Alex Wilber');
    expect(approved.actions ?? []).toEqual([]);
    const headset = inStaffs('equipment.kind.headset');
    const toldApproved = inStaffs('equipment.requester.approvedWithComment', {
      number,
      kind: headset,
      name: alex.name,
      comment: 'Of course',
    });
    expect(await chat.noticesTo(staff, toldApproved)).toContain(toldApproved);

    // IT: the queue card, allocation from stock, shipment with a tracking number.
    const queued = await cardIn(QUEUE, number);
    expect(queued.actions!.map((action) => action.verb)).toEqual(['equipment.allocate', 'equipment.order']);
    const missing = await chat.click(itAgent, actionOf(queued, 'equipment.allocate', { serial: 'SN-4711' }), {
      channel: QUEUE,
    });
    expect(cardText(missing)).toContain(translate('en', 'equipment.error.asset_required'));
    const allocated = await chat.click(
      itAgent,
      actionOf(queued, 'equipment.allocate', { assetTag: 'HS-00042', serial: 'SN-4711' }),
      { channel: QUEUE },
    );
    expect(JSON.stringify(allocated)).toContain(translate('en', 'equipment.status.allocated'));
    expect(JSON.stringify(allocated)).toContain('HS-00042');
    const shipped = await chat.click(
      itAgent,
      actionOf(allocated, 'equipment.ship', { trackingNumber: '99.60.123456.12345678' }),
      { channel: QUEUE },
    );
    expect(cardText(shipped)).toContain(
      translate('en', 'equipment.queue.waitingReceipt', { name: staff.name }),
    );

    const toldShipped = inStaffs('equipment.requester.shipped', {
      number,
      kind: headset,
      tracking: '99.60.123456.12345678',
    });
    await chat.noticesTo(staff, toldShipped);
    const shippedNotice = chat.connector
      .repliesTo(personalChatOf(staff))
      .map((reply) => reply.activity)
      .find((activity) => visibleText(activity).includes(toldShipped))!;
    const thanks = await chat.click(staff, actionOf(cardOf(shippedNotice), 'equipment.receive'));
    // The notice was written in the requester's language; so is the answer to its button.
    expect(cardText(thanks)).toContain(inStaffs('equipment.thanks.received', { number, kind: headset }));

    // IT's queue card, refreshed, now offers to record a return.
    const refreshed = await chat.click(itAgent, actionOf(shipped, 'equipment.refresh'), { channel: QUEUE });
    expect(refreshed.actions!.map((action) => action.verb)).toEqual(['equipment.return']);

    // Holdings: the person sees theirs, IT sees anyone's, others see nobody else's.
    const get = (path: string, who: ChatPerson) =>
      fetch(`${chat.crewdesk.baseUrl}${path}`, { headers: { [DEMO_USER_HEADER]: who.aadObjectId } });
    const holdingsOf = async (who: ChatPerson, person: ChatPerson) => {
      const response = await get(
        `/api/equipment/holdings?person=${encodeURIComponent(person.aadObjectId)}`,
        who,
      );
      expect(response.status).toBe(200);
      return (
        (await response.json()) as { holdings: { reference: string; assetTag: string; kind: string }[] }
      ).holdings;
    };
    expect(await holdingsOf(staff, staff)).toContainEqual(
      expect.objectContaining({ reference: number, assetTag: 'HS-00042', kind: 'headset' }),
    );
    expect((await holdingsOf(itAgent, staff)).map((holding) => holding.reference)).toContain(number);
    expect(
      (await get(`/api/equipment/holdings?person=${encodeURIComponent(staff.aadObjectId)}`, alex)).status,
    ).toBe(403);
    const everybody = (await (await get('/api/equipment/holdings', itAgent)).json()) as {
      holdings: { kind: string }[];
    };
    // The demo's head office holds laptops already.
    expect(everybody.holdings.filter((holding) => holding.kind === 'laptop').length).toBeGreaterThanOrEqual(
      30,
    );
    const mine = (await (await get('/api/me/requests', staff)).json()) as {
      equipment: { reference: string; status: string; sourceKey?: string }[];
    };
    expect(mine.equipment).toContainEqual(expect.objectContaining({ reference: number, status: 'received' }));
    expect(mine.equipment.every((entry) => entry.sourceKey === undefined)).toBe(true);

    // The return, from the requester's own list; IT's queue hears of it.
    const [list] = await chat.say(staff, 'equipment');
    const returned = await chat.click(staff, bodyActionOf(cardOf(list), 'equipment.return'));
    expect(cardText(returned)).toContain(
      translate('en', 'equipment.thanks.returned', {
        number,
        kind: translate('en', 'equipment.kind.headset'),
      }),
    );
    await cardIn(
      QUEUE,
      translate('en', 'equipment.queueNotice.returned', {
        name: staff.name,
        number,
        kind: translate('en', 'equipment.kind.headset'),
        assetTag: 'HS-00042',
      }),
    );
    expect((await holdingsOf(staff, staff)).map((holding) => holding.reference)).not.toContain(number);

    const stored = await requestByNumber(number);
    expect(stored).toMatchObject({
      status: 'returned',
      source: 'stock',
      assetTag: 'HS-00042',
      serial: 'SN-4711',
      trackingNumber: '99.60.123456.12345678',
    });
    expect(await actionsOf(stored)).toEqual([
      ['requested', staff.aadObjectId],
      ['approved', alex.aadObjectId],
      ['allocated', itAgent.aadObjectId],
      ['shipped', itAgent.aadObjectId],
      ['received', staff.aadObjectId],
      ['returned', staff.aadObjectId],
    ]);
    // Each step after the request is in the audit trail too, with who and the status it left.
    const trail = await chat.crewdesk.store.audit.list({ subject: `equipment:${stored!.id}`, limit: 10 });
    const step = (event: (typeof trail)[number]) => event.after as { action: string; version: number };
    const inOrder = [...trail].sort((a, b) => step(a).version - step(b).version);
    expect(inOrder.map((event) => [step(event).action, event.actor])).toEqual([
      ['approved', alex.aadObjectId],
      ['allocated', itAgent.aadObjectId],
      ['shipped', itAgent.aadObjectId],
      ['received', staff.aadObjectId],
      ['returned', staff.aadObjectId],
    ]);
  });

  it('tells the requester of a rejection with the manager’s comment, which the card insists on', async () => {
    const [form] = await chat.say(german, 'ich brauche einen Bildschirm', { locale: 'de-CH' });
    const submit = actionOf(cardOf(form), 'equipment.submit', {
      reason: 'Zwei Tabellen nebeneinander',
      delivery: 'site',
      siteId: personOf(german.aadObjectId).siteId,
    });
    const answer = await chat.click(german, submit);
    const number = numberIn(cardText(answer))!;
    const germanManager = sender(personOf(german.aadObjectId).managerAadObjectId!);
    await chat.say(germanManager, 'hilfe');
    // The approval card went out before the manager wrote; it is delivered once he is reachable.
    const approval = await cardIn(personalChatOf(germanManager), number);
    const bare = await chat.click(germanManager, actionOf(approval, 'equipment.reject'));
    expect(cardText(bare)).toContain(translate('de-CH', 'equipment.error.comment_required'));
    expect((await requestByNumber(number)).status).toBe('pending_approval');
    await chat.click(
      germanManager,
      actionOf(approval, 'equipment.reject', { comment: 'Bitte die Bildschirme im Büro nutzen' }),
    );
    const told = translate('de-CH', 'equipment.requester.rejected', {
      number,
      kind: translate('de-CH', 'equipment.kind.screen'),
      name: germanManager.name,
      comment: 'Bitte die Bildschirme im Büro nutzen',
    });
    expect(await chat.noticesTo(german, told)).toContain(told);
    expect(await requestByNumber(number)).toMatchObject({
      status: 'rejected',
      decisionComment: 'Bitte die Bildschirme im Büro nutzen',
    });
  });

  it('proposes the company laptop with a VPN token for someone who holds none', async () => {
    const { answer } = await request(
      italian,
      'mi serve un token VPN',
      { reason: 'Lavoro da casa', address: 'Via Nassa 5, 6900 Lugano' },
      { locale: 'it-CH' },
    );
    expect(cardText(answer)).toContain(translate('it-CH', 'equipment.laptop.required'));
    expect(
      await chat.crewdesk.store.equipment.listRequests({
        requesterAadObjectId: italian.aadObjectId,
        limit: 10,
      }),
    ).toEqual([]);
    const both = await chat.click(italian, actionOf(answer, 'equipment.submit'));
    const numbers = cardText(both).match(/EQ-\d{6}/g) ?? [];
    expect(numbers).toHaveLength(2);
    const made = await chat.crewdesk.store.equipment.listRequests({
      requesterAadObjectId: italian.aadObjectId,
      limit: 10,
    });
    expect(made.map((entry) => entry.kind).sort()).toEqual(['laptop', 'vpn_token']);
    expect(made.every((entry) => entry.status === 'pending_approval')).toBe(true);

    // With the laptop on its way, another VPN request goes straight on (as a duplicate of the token).
    const { answer: again } = await request(
      italian,
      'mi serve un token VPN',
      { reason: 'Lavoro da casa', address: 'Via Nassa 5, 6900 Lugano' },
      { locale: 'it-CH' },
    );
    expect(cardText(again)).not.toContain(translate('it-CH', 'equipment.laptop.required'));
    expect(cardText(again)).toContain(translate('it-CH', 'equipment.duplicate.confirmIntro'));

    // The requester may withdraw a request that is still waiting: from their own list.
    const [list] = await chat.say(italian, 'attrezzatura', { locale: 'it-CH' });
    const withdrawn = await chat.click(italian, bodyActionOf(cardOf(list), 'equipment.withdraw'));
    expect(cardText(withdrawn)).toMatch(/La richiesta EQ-\d{6} è ritirata\./);
    const statuses = (
      await chat.crewdesk.store.equipment.listRequests({
        requesterAadObjectId: italian.aadObjectId,
        limit: 10,
      })
    )
      .map((entry) => entry.status)
      .sort();
    expect(statuses).toEqual(['pending_approval', 'withdrawn']);
  });

  it('points out a duplicate, and lets the requester confirm a second one, which the approver sees', async () => {
    const form = { reason: 'Two spreadsheets side by side', address: HOME };
    const { answer: first } = await request(staff, 'I need a screen', form);
    const firstNumber = numberIn(cardText(first))!;
    const { answer: duplicate } = await request(staff, 'I need a screen', form);
    expect(cardText(duplicate)).toContain(
      translate('en', 'equipment.duplicate.pending', {
        kind: translate('en', 'equipment.kind.screen'),
        number: firstNumber,
        status: translate('en', 'equipment.status.pending_approval'),
      }),
    );
    expect(duplicate.actions!.map((action) => action.verb)).toEqual(['equipment.submit', 'equipment.cancel']);
    const cancelled = await chat.click(staff, actionOf(duplicate, 'equipment.cancel'));
    expect(cardText(cancelled)).toContain(translate('en', 'equipment.cancelled'));

    const { answer: again } = await request(staff, 'I need a screen', form);
    const confirmed = await chat.click(staff, actionOf(again, 'equipment.submit'));
    const secondNumber = numberIn(cardText(confirmed))!;
    expect(secondNumber).not.toBe(firstNumber);
    expect(await requestByNumber(secondNumber)).toMatchObject({
      duplicateOf: 'pending',
      status: 'pending_approval',
    });
    const approval = await cardIn(personalChatOf(alex), secondNumber);
    expect(cardText(approval)).toContain(
      translate('en', 'equipment.card.duplicatePending', { name: staff.name }),
    );
  });

  it('does nothing when a forwarded approval card is clicked by someone who is not the requester’s manager', async () => {
    const { answer } = await request(staff, 'I need a docking station', {
      reason: 'One cable for everything',
      address: HOME,
    });
    const number = numberIn(cardText(answer))!;
    const approval = await cardIn(personalChatOf(alex), number);
    for (const outsider of [itAgent, admin, staff]) {
      const refused = await chat.click(
        outsider,
        actionOf(approval, 'equipment.approve', { comment: 'sure' }),
      );
      expect(cardText(refused)).toContain(translate('en', 'equipment.notice.forbidden'));
      expect(refused.actions!.map((action) => action.verb)).toEqual([
        'equipment.approve',
        'equipment.reject',
      ]);
    }
    const pending = await requestByNumber(number);
    expect(pending).toMatchObject({ status: 'pending_approval', version: 1 });
    expect(await actionsOf(pending)).toEqual([['requested', staff.aadObjectId]]);

    // Up the chain is allowed: Alex's own manager decides.
    const decided = await chat.click(alexManager, actionOf(approval, 'equipment.approve'));
    expect(cardText(decided)).toContain(`Approved by ${alexManager.name}`);
    expect(await actionsOf(await requestByNumber(number))).toEqual([
      ['requested', staff.aadObjectId],
      ['approved', alexManager.aadObjectId],
    ]);
  });

  it('gives one effect for a double-clicked approve, and lets one of two IT agents allocating at once win', async () => {
    const { answer } = await request(staff, 'I need a keyboard and a mouse', {
      reason: 'Sore wrist',
      address: HOME,
    });
    const number = numberIn(cardText(answer))!;
    const approval = await cardIn(personalChatOf(alex), number);
    const approve = actionOf(approval, 'equipment.approve');
    const [once, twice] = await Promise.all([chat.click(alex, approve), chat.click(alex, approve)]);
    for (const card of [once, twice]) {
      expect(cardText(card)).toContain('Approved by Alex Wilber');
      expect(cardText(card)).not.toContain(translate('en', 'equipment.notice.conflict'));
    }
    const request_ = await requestByNumber(number);
    expect(await actionsOf(request_)).toEqual([
      ['requested', staff.aadObjectId],
      ['approved', alex.aadObjectId],
    ]);
    const queued = await cardIn(QUEUE, number);
    expect(
      chat.connector.repliesTo(QUEUE).filter((reply) => visibleText(reply.activity).includes(`${number} ·`)),
    ).toHaveLength(1);

    const [byAgent, byAdmin] = await Promise.all([
      chat.click(itAgent, actionOf(queued, 'equipment.allocate', { assetTag: 'KM-1', serial: 'S-1' }), {
        channel: QUEUE,
      }),
      chat.click(admin, actionOf(queued, 'equipment.allocate', { assetTag: 'KM-2', serial: 'S-2' }), {
        channel: QUEUE,
      }),
    ]);
    const conflict = translate('en', 'equipment.notice.conflict');
    const losers = [byAgent, byAdmin].filter((card) => cardText(card).includes(conflict));
    expect(losers).toHaveLength(1);
    const stored = await requestByNumber(number);
    expect(stored.status).toBe('allocated');
    // The loser's card shows the winner's device, and the next step (ship), not allocate again.
    expect(JSON.stringify(losers[0])).toContain(stored.assetTag!);
    expect(losers[0]!.actions!.map((action) => action.verb)).toEqual(['equipment.ship']);
    expect((await actionsOf(stored)).map(([action]) => action)).toEqual([
      'requested',
      'approved',
      'allocated',
    ]);
  });
});
