import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/directory/people.js';
import type { RotationAssignment, StoredRotation } from '../../src/domain/rotation/rotation-ports.js';
import { addDays } from '../../src/domain/shared/calendar-date.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import {
  allExecuteActions,
  chatMember,
  startChatOverHttp,
  type ChatMember,
  type ChatOverHttp,
} from '../support/chat-harness.js';
import { visibleText } from '../support/teams-activities.js';

/**
 * Swap requests over HTTP (issue 7). Monday 30 November 2026 in Lausanne: a published two-week
 * rotation of the head office, cohort A (Léa, Anna, Carlo) on site Mondays, Wednesdays and
 * Fridays, cohort B (Tom, Nina, Ben) on Tuesdays and Thursdays; Anna, Carlo and Nina are critical
 * people (one must be on site each open day). Their manager Marc decides on the cards; Otto
 * manages another site.
 */
describe('swap requests between two members of a published rotation', () => {
  let chat: ChatOverHttp;
  const suffix = randomUUID().slice(0, 8);
  type Who = ChatMember;
  const marc = chatMember('Marc Favre', 'fr-CH', suffix);
  const lea = chatMember('Léa Morel', 'fr-CH', suffix);
  const tom = chatMember('Tom Keller', 'de-CH', suffix);
  const anna = chatMember('Anna Rossi', 'it-CH', suffix);
  const nina = chatMember('Nina Graf', 'de-CH', suffix);
  const carlo = chatMember('Carlo Bernasconi', 'it-CH', suffix);
  const ben = chatMember('Ben Meier', 'de-CH', suffix);
  const otto = chatMember('Otto Brunner', 'fr-CH', suffix);
  const siteId = `LS-${suffix}`;
  const rotationId = `rotation-${suffix}`;
  const MONDAY = '2026-11-30';

  const personOf = (who: Who, overrides: Partial<Person> = {}): Person => ({
    aadObjectId: who.aadObjectId,
    displayName: who.name,
    email: null,
    team: 'Finance',
    siteId,
    managerAadObjectId: marc.aadObjectId,
    roles: ['employee'],
    locale: who.locale as Person['locale'],
    ahvNumber: null,
    active: true,
    source: 'directory',
    ...overrides,
  });

  /** Two weeks: A on site Mon/Wed/Fri, B Tue/Thu, weekends off. */
  function daysOf(who: Who, cohort: 'A' | 'B'): RotationAssignment[] {
    return Array.from({ length: 14 }, (_, index) => {
      const date = addDays(MONDAY, index);
      const weekday = index % 7;
      if (weekday >= 5) return { aadObjectId: who.aadObjectId, date, place: 'off', cohort: null };
      const onSite = cohort === 'A' ? weekday % 2 === 0 : weekday % 2 === 1;
      return { aadObjectId: who.aadObjectId, date, place: onSite ? 'office' : 'home', cohort };
    });
  }

  beforeAll(async () => {
    chat = await startChatOverHttp({
      // Monday 30 November 2026, 08:30 in Lausanne.
      clock: fixedClock('2026-11-30T07:30:00.000Z'),
      env: { CREWDESK_DEMO: 'false' },
    });
    const { directory, rotations } = chat.crewdesk.store;
    await directory.upsertSites([
      {
        id: siteId,
        name: 'Lausanne siège',
        canton: 'VD',
        kind: 'office',
        seats: 10,
        capPercent: 50,
        minStaff: null,
        openDays: null,
      },
    ]);
    await directory.upsertPeople([
      personOf(marc, { roles: ['employee', 'manager'], managerAadObjectId: null }),
      personOf(lea),
      personOf(tom),
      personOf(anna),
      personOf(nina),
      personOf(carlo),
      personOf(ben),
      personOf(otto, { roles: ['employee', 'manager'], siteId: 'GE-elsewhere', managerAadObjectId: null }),
    ]);
    const rotation: StoredRotation = {
      id: rotationId,
      siteId,
      team: null,
      pattern: {
        kind: 'custom',
        cohortDays: [
          ['Mon', 'Wed', 'Fri'],
          ['Tue', 'Thu'],
        ],
      },
      critical: [anna.aadObjectId, carlo.aadObjectId, nina.aadObjectId],
      capPercent: 50,
      startDate: MONDAY,
      endDate: addDays(MONDAY, 13),
      status: 'published',
      createdBy: marc.aadObjectId,
      createdAt: '2026-11-20T08:00:00.000Z',
      publishedAt: '2026-11-20T09:00:00.000Z',
    };
    await rotations.insertRotation(rotation, [
      ...daysOf(lea, 'A'),
      ...daysOf(anna, 'A'),
      ...daysOf(carlo, 'A'),
      ...daysOf(tom, 'B'),
      ...daysOf(nina, 'B'),
      ...daysOf(ben, 'B'),
    ]);
    // Everybody has written to the bot once: Crewdesk knows their chats.
    for (const who of [marc, lea, tom, anna, nina, carlo, ben, otto])
      expect((await say(who, 'help')).status).toBe(200);
  });

  afterAll(() => chat?.stop());

  // Monday 30 November 2026, 08:30 in Lausanne, as the people's Teams clients say it.
  const monday = { localTimestamp: '2026-11-30T08:30:00.000+01:00', timestamp: '2026-11-30T07:30:00.000Z' };
  const say = (who: ChatMember, text: string) => chat.at(monday).say(who, text);
  const click = (who: ChatMember, verb: string, data: Record<string, unknown>) =>
    chat.at(monday).click(who, verb, data);

  /** The title: value lines of a card's fact sets. */
  function factsOf(card: unknown): string[] {
    const found: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as Record<string, unknown>;
        if (element.type === 'FactSet')
          for (const fact of element.facts as { title: string; value: string }[])
            found.push(`${fact.title}: ${fact.value}`);
        Object.values(element).forEach(walk);
      }
    };
    walk(card);
    return found;
  }

  /** Delivers what is queued and returns what reached `who` since `before` replies. */
  const newMessages = async (who: Who, before: number, count: number) =>
    (await chat.deliveredTo(who, before + count)).slice(before);

  const api = (who: Who, path: string, body?: unknown) =>
    fetch(`${chat.crewdesk.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', [DEMO_USER_HEADER]: who.aadObjectId },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const dayOf = async (who: Who, date: string) =>
    (await chat.crewdesk.store.rotations.assignmentsOf(rotationId)).find(
      (day) => day.aadObjectId === who.aadObjectId && day.date === date,
    );

  interface RequestJson {
    id: string;
    status: string;
    version: number;
    approvers: { aadObjectId: string }[];
    changes: { aadObjectId: string; date: string; before: string; after: string }[];
  }

  let approvedRequest: RequestJson;

  it('sends the request to the requester’s manager as a card, and tells the partner what would change', async () => {
    await chat.settle();
    const [marcBefore, tomBefore, leaBefore] = [chat.seen(marc), chat.seen(tom), chat.seen(lea)];
    const response = await api(lea, `/api/rotations/${rotationId}/swap-requests`, {
      partner: tom.aadObjectId,
      date: '2026-12-01',
      reason: 'Rendez-vous chez le dentiste mercredi',
    });
    expect(response.status).toBe(201);
    approvedRequest = (await response.json()) as RequestJson;
    expect(approvedRequest).toMatchObject({
      status: 'pending',
      version: 1,
      approvers: [{ aadObjectId: marc.aadObjectId }],
    });

    const [managerCard] = await newMessages(marc, marcBefore, 1);
    const text = visibleText(managerCard!.activity);
    expect(text).toContain(
      'Léa Morel demande d’échanger ses jours le mardi 1 décembre avec Tom Keller (Lausanne siège).',
    );
    expect(text).toContain('Motif : Rendez-vous chez le dentiste mercredi');
    expect(factsOf(managerCard!.activity.attachments)).toEqual([
      'mardi 1 décembre: Léa Morel : Domicile → Bureau',
      'mardi 1 décembre: Tom Keller : Bureau → Domicile',
    ]);
    expect(allExecuteActions(managerCard!.activity.attachments).map((action) => action.verb)).toEqual([
      'rotationSwap.approve',
      'rotationSwap.reject',
    ]);

    const [partnerNotice] = await newMessages(tom, tomBefore, 1);
    expect(visibleText(partnerNotice!.activity)).toContain(
      'Léa Morel möchte die Tage am Dienstag, 1. Dezember mit Ihnen tauschen. Marc Favre entscheidet',
    );
    const [receipt] = await newMessages(lea, leaBefore, 1);
    expect(allExecuteActions(receipt!.activity.attachments).map((action) => action.verb)).toEqual([
      'rotationSwap.withdraw',
    ]);
  });

  it('answers the same request sent twice with the one already pending', async () => {
    const again = await api(lea, `/api/rotations/${rotationId}/swap-requests`, {
      partner: tom.aadObjectId,
      date: '2026-12-01',
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as RequestJson).id).toBe(approvedRequest.id);
  });

  it('does nothing for someone the card was forwarded to, nor for the partner', async () => {
    const data = { requestId: approvedRequest.id, locale: 'fr-CH' };
    const forwarded = await click(otto, 'rotationSwap.approve', data);
    expect(forwarded.text).toContain('Seuls les responsables de ce tournus peuvent décider');
    expect(forwarded.text).not.toContain('Léa Morel');
    const partner = await click(tom, 'rotationSwap.approve', { ...data, locale: 'de-CH' });
    expect(partner.text).toContain('Nur die Verantwortlichen dieses Einsatzplans');
    expect((await chat.crewdesk.store.swapRequests.findSwapRequest(approvedRequest.id))?.status).toBe(
      'pending',
    );
    expect((await dayOf(lea, '2026-12-01'))?.place).toBe('home');
  });

  it('approves once when the manager double-clicks: the days are swapped and both are told their new days', async () => {
    await chat.settle();
    const [leaBefore, tomBefore] = [chat.seen(lea), chat.seen(tom)];
    const data = { requestId: approvedRequest.id, locale: 'fr-CH' };
    const [first, second] = await Promise.all([
      click(marc, 'rotationSwap.approve', data),
      click(marc, 'rotationSwap.approve', data),
    ]);
    for (const answer of [first, second]) {
      expect(answer.text).toContain('✓ Approuvée par Marc Favre');
      expect(allExecuteActions(answer.card)).toEqual([]);
    }
    expect(await dayOf(lea, '2026-12-01')).toMatchObject({ place: 'office', cohort: 'B' });
    expect(await dayOf(tom, '2026-12-01')).toMatchObject({ place: 'home', cohort: 'A' });
    expect(await dayOf(lea, '2026-12-02')).toMatchObject({ place: 'office', cohort: 'A' });
    const decisions = await chat.crewdesk.store.audit.list({ action: 'rotation.swap_decision', limit: 10 });
    expect(decisions.filter((event) => event.subject === `swap-request:${approvedRequest.id}`)).toHaveLength(
      1,
    );

    const leaNotices = await newMessages(lea, leaBefore, 1);
    const tomNotices = await newMessages(tom, tomBefore, 1);
    // Nothing left queued or on its way: a second notice would be here now.
    await chat.settle();
    expect(chat.connector.repliesTo(lea.conversationId).slice(leaBefore)).toHaveLength(1);
    expect(chat.connector.repliesTo(tom.conversationId).slice(tomBefore)).toHaveLength(1);
    expect(visibleText(leaNotices[0]!.activity)).toContain(
      'Marc Favre a approuvé l’échange le mardi 1 décembre entre Léa Morel et Tom Keller.',
    );
    expect(factsOf(leaNotices[0]!.activity.attachments)).toEqual(['mardi 1 décembre: Bureau · groupe B']);
    expect(visibleText(tomNotices[0]!.activity)).toContain(
      'Marc Favre hat den Tausch am Dienstag, 1. Dezember',
    );
    expect(visibleText(tomNotices[0]!.activity)).toContain('In diesem Zeitraum kein Tag vor Ort');
  });

  it('refuses at once, with the reason, a swap that would leave the office without a critical person', async () => {
    // Thursday is B's day and Nina its only critical person.
    const response = await api(nina, `/api/rotations/${rotationId}/swap-requests`, {
      partner: lea.aadObjectId,
      date: '2026-12-03',
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: { code: 'rotation.swap_refused', details: { reason: 'rule', rule: 'no_critical' } },
    });
    expect(
      await chat.crewdesk.store.swapRequests.listSwapRequests({ rotationId, aadObjectId: nina.aadObjectId }),
    ).toEqual([]);
  });

  it('refuses a colleague outside the rotation and a day that is not in it', async () => {
    const outsider = await api(lea, `/api/rotations/${rotationId}/swap-requests`, {
      partner: marc.aadObjectId,
    });
    expect(outsider.status).toBe(422);
    expect(((await outsider.json()) as { error: { details: unknown } }).error.details).toMatchObject({
      reason: 'partner_not_member',
    });
    const outside = await api(lea, `/api/rotations/${rotationId}/swap-requests`, {
      partner: tom.aadObjectId,
      date: '2026-12-20',
    });
    expect(((await outside.json()) as { error: { details: unknown } }).error.details).toMatchObject({
      reason: 'date_outside',
    });
    expect(
      (await api(otto, `/api/rotations/${rotationId}/swap-requests`, { partner: lea.aadObjectId })).status,
    ).toBe(403);
  });

  it('refuses on approval a swap that became impossible meanwhile, and says why', async () => {
    // Tom asks for Anna's Friday: fine while Carlo, critical too, is on site that day.
    const created = await api(tom, `/api/rotations/${rotationId}/swap-requests`, {
      partner: anna.aadObjectId,
      date: '2026-12-04',
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as RequestJson;
    // Meanwhile Carlo swaps that Friday with Ben, approved first: Anna is then the only critical
    // person on site, and Tom's swap would take her away.
    const other = await api(carlo, `/api/rotations/${rotationId}/swap-requests`, {
      partner: ben.aadObjectId,
      date: '2026-12-04',
    });
    expect(other.status).toBe(201);
    const approveOther = await api(
      marc,
      `/api/swap-requests/${((await other.json()) as RequestJson).id}/decision`,
      {
        decision: 'approve',
      },
    );
    expect(approveOther.status).toBe(200);

    const answer = await click(marc, 'rotationSwap.approve', { requestId: request.id, locale: 'fr-CH' });
    expect(answer.text).toContain('Cet échange ne peut pas être approuvé maintenant.');
    expect(answer.text).toContain('aucune personne indispensable ne serait sur site');
    expect((await chat.crewdesk.store.swapRequests.findSwapRequest(request.id))?.status).toBe('pending');
    expect(await dayOf(tom, '2026-12-04')).toMatchObject({ place: 'home' });

    const api422 = await api(marc, `/api/swap-requests/${request.id}/decision`, { decision: 'approve' });
    expect(api422.status).toBe(422);

    // The manager rejects it instead; the comment reaches Tom, the sentence around it in German.
    await chat.settle();
    const tomBefore = chat.seen(tom);
    const rejected = await click(marc, 'rotationSwap.reject', {
      requestId: request.id,
      locale: 'fr-CH',
      comment: 'Carlo et Ben ont déjà échangé vendredi',
    });
    expect(rejected.text).toContain('Refusée par Marc Favre : « Carlo et Ben ont déjà échangé vendredi »');
    const [notice] = await newMessages(tom, tomBefore, 1);
    expect(visibleText(notice!.activity)).toContain(
      'Marc Favre hat Ihren Tausch am Freitag, 4. Dezember mit Anna Rossi nicht genehmigt.',
    );
    expect(visibleText(notice!.activity)).toContain('Kommentar: «Carlo et Ben ont déjà échangé vendredi»');
    const late = await click(marc, 'rotationSwap.approve', { requestId: request.id, locale: 'fr-CH' });
    expect(late.text).toContain('Cette demande est déjà refusée.');
  });

  it('lets the requester withdraw a pending request, and nobody else', async () => {
    const created = await api(anna, `/api/rotations/${rotationId}/swap-requests`, {
      partner: nina.aadObjectId,
      date: '2026-12-02',
      reason: 'Treni più comodi',
    });
    expect(created.status).toBe(201);
    const request = (await created.json()) as RequestJson;
    expect(request.changes.length).toBeGreaterThan(0);

    expect((await api(nina, `/api/swap-requests/${request.id}/withdraw`, {})).status).toBe(403);
    await chat.settle();
    const marcBefore = chat.seen(marc);
    const withdrawn = await click(anna, 'rotationSwap.withdraw', { requestId: request.id, locale: 'it-CH' });
    expect(withdrawn.text).toContain('Ritirata da Anna Rossi');
    expect(allExecuteActions(withdrawn.card)).toEqual([]);
    const [notice] = await newMessages(marc, marcBefore, 1);
    expect(visibleText(notice!.activity)).toContain('Anna Rossi a retiré sa demande d’échanger ses jours');

    const decision = await api(marc, `/api/swap-requests/${request.id}/decision`, { decision: 'approve' });
    expect(decision.status).toBe(409);
    expect(((await decision.json()) as { error: { code: string } }).error.code).toBe('rotation.swap_closed');
  });

  it('shows the rotation’s managers every request and a member only their own', async () => {
    const all = (await (await api(marc, `/api/rotations/${rotationId}/swap-requests`)).json()) as {
      requests: RequestJson[];
    };
    expect(all.requests.map((request) => request.status).sort()).toEqual([
      'approved',
      'approved',
      'rejected',
      'withdrawn',
    ]);
    const nina_ = (await (await api(nina, `/api/rotations/${rotationId}/swap-requests`)).json()) as {
      requests: RequestJson[];
    };
    expect(nina_.requests.map((request) => request.status)).toEqual(['withdrawn']);
    const leas = (await (await api(lea, `/api/rotations/${rotationId}/swap-requests`)).json()) as {
      requests: RequestJson[];
    };
    expect(leas.requests.map((request) => request.status)).toEqual(['approved']);
    expect((await api(otto, `/api/rotations/${rotationId}/swap-requests`)).status).toBe(403);
  });
});
