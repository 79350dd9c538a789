// Teams-shaped message activities for the benchmarks: personal chats of the demo organisation's
// people (the same 1,500 aadObjectIds Crewdesk seeds), each saying it worked 30 minutes on a past
// day, in English, French, German or Italian. A person's n-th message names the n-th day before
// today, so nobody ever comes near the 24-hour day limit and every message records something.
import { generateDemoOrganisation } from '../../dist/demo/demo-organisation.js';
import { understandHours } from '../../dist/language/hours/understand-hours.js';

export const TIME_ZONE = 'Europe/Zurich';
const BOT = { id: '28:crewdesk-bench-bot', name: 'Crewdesk' };
const TENANT = 'tenant-crewdesk-bench';
/** Dates without a year resolve to their nearest occurrence: stay well within half a year. */
const MAX_DAYS_BACK = 150;

const dm = (date) => `${date.slice(8, 10)}.${date.slice(5, 7)}.`;

/**
 * "30 minutes on <day>" the ways people write it; every template must parse as 30 minutes on that
 * day. Two rounds of the four languages in the same order: createMessageStream relies on it.
 */
export const TEMPLATES = [
  { locale: 'en-US', say: (date) => `30 min on ${dm(date)}` },
  { locale: 'fr-CH', say: (date) => `une demi-heure le ${dm(date)}` },
  { locale: 'de-CH', say: (date) => `30 Minuten am ${dm(date)}` },
  { locale: 'it-CH', say: (date) => `il ${dm(date)} mezz'ora` },
  { locale: 'en-US', say: (date) => `half an hour on ${dm(date)}` },
  { locale: 'fr-CH', say: (date) => `30 min le ${dm(date)}` },
  { locale: 'de-CH', say: (date) => `am ${dm(date)} eine halbe Stunde` },
  { locale: 'it-CH', say: (date) => `30 minuti il ${dm(date)}` },
];

/** Today in Zurich and the offset Teams would put in localTimestamp ("+01:00"). */
export function zurichNow(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  const today = `${parts.year}-${parts.month}-${parts.day}`;
  return { today, localTimestamp: `${today}T${parts.hour}:${parts.minute}:${parts.second}.000${offset}` };
}

export function daysBefore(date, days) {
  const instant = new Date(`${date}T12:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() - days);
  return instant.toISOString().slice(0, 10);
}

/** Throws when the language understanding no longer reads a template as 30 minutes on its day. */
export function checkTemplates(today) {
  for (const [index, template] of TEMPLATES.entries()) {
    for (const back of [1, 37, MAX_DAYS_BACK]) {
      const date = daysBefore(today, back);
      const text = template.say(date);
      const understood = understandHours({ text, localeHint: template.locale, today });
      const day = understood.kind === 'log' && understood.days.length === 1 ? understood.days[0] : null;
      if (!day || day.date !== date || day.work?.minutes !== 30) {
        throw new Error(`template ${index} "${text}" is not understood as 30 minutes on ${date}`);
      }
    }
  }
}

/** The demo organisation's people as Teams users: id, name, aadObjectId. */
export function demoUsers(count = 1500) {
  const people = generateDemoOrganisation().people.filter((person) => person.active !== false);
  if (people.length < count)
    throw new Error(`the demo organisation has ${people.length} people, not ${count}`);
  return people.slice(0, count).map((person) => ({
    id: `29:${person.aadObjectId}`,
    name: person.displayName,
    aadObjectId: person.aadObjectId,
  }));
}

export function messageActivity({ id, serviceUrl, from, conversationId, text, locale, localTimestamp }) {
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    localTimestamp,
    localTimezone: TIME_ZONE,
    serviceUrl,
    channelId: 'msteams',
    from,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale,
    text,
    textFormat: 'plain',
  };
}

/**
 * An endless, deterministic stream of hours messages rotating over `users`: message k comes from
 * user k mod n, and is that user's (k div n)-th message, naming the ((k div n) mod 150 + 1)-th day
 * before today. Each user keeps one language, as people do (the four languages spread over the
 * users), and alternates between its two phrasings: Crewdesk keeps the locale with the
 * conversation reference and writes the reference again when it changes, which a user switching
 * language with every message would make happen on every turn.
 */
export function createMessageStream({ serviceUrl, users, runId, now = new Date() }) {
  const { today, localTimestamp } = zurichNow(now);
  checkTemplates(today);
  let sequence = 0;
  return {
    today,
    next() {
      const k = sequence++;
      const user = users[k % users.length];
      const round = Math.floor(k / users.length);
      const languages = TEMPLATES.length / 2;
      const template = TEMPLATES[((k % users.length) % languages) + languages * (round % 2)];
      const date = daysBefore(today, (round % MAX_DAYS_BACK) + 1);
      return messageActivity({
        id: `${runId}-${k}`,
        serviceUrl,
        from: user,
        conversationId: `a:bench-${user.aadObjectId}`,
        text: template.say(date),
        locale: template.locale,
        localTimestamp,
      });
    },
    get sent() {
      return sequence;
    },
  };
}
