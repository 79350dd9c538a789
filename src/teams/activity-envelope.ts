// Zod 4's engine (shipped inside the zod 3.25 package as `zod/v4`) for this one schema: it checks
// every activity Teams sends, and parses in about a fifth of Zod 3's time (3.5 against 17.5 µs per
// message activity, measured; 4 % of a turn's CPU under the bench load, bench/README.md). The
// other schemas stay on Zod 3 until the whole project moves.
import { z } from 'zod/v4';

const text = z.string().max(512 * 1024);
const optionalText = text.nullish();
/**
 * Ids end up in connector URLs and headers (x-ms-conversation-id): no control characters and no
 * lone UTF-16 surrogates, which make the reply fail before it is sent.
 */
const id = z.string().min(1).max(1024).refine(isSafeId);
/** The conversation id also travels as an HTTP header value, which Node limits to Latin-1. */
const conversationId = id.refine((value) => /^[\x20-\x7e\x80-\xff]+$/.test(value));
const account = z.looseObject({ id, name: optionalText, aadObjectId: optionalText });

/**
 * The envelope every Bot Framework activity has, checked before botbuilder and teams-ai read it
 * (issue 5, "Bad input"). They trust it: a `from` without an id, a numeric `text` or an object
 * `locale` made turns fail inside the libraries and the apology fail too (found by
 * tests/integration/fuzz.test.ts). The Bot Connector always sends these fields with these types,
 * so an activity that breaks them is a client mistake (400); `value` and `channelData` beyond the
 * tenant stay free — card data is validated by each action's own schema.
 */
const activityEnvelope = z.looseObject({
  type: text.min(1),
  id: id.nullish(),
  channelId: id,
  // Absent: refused 401 by the adapter's own check (src/teams/bot-adapter.ts), as issue 5 asks.
  serviceUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\//i.test(url))
    .nullish(),
  timestamp: optionalText,
  localTimestamp: optionalText,
  localTimezone: optionalText,
  locale: optionalText,
  text: optionalText,
  textFormat: optionalText,
  name: optionalText,
  action: optionalText,
  replyToId: optionalText,
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: conversationId,
    tenantId: optionalText,
    conversationType: optionalText,
    name: optionalText,
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: optionalText }).nullish() }).nullish(),
  // botbuilder's mention removal reads every entity's type (and `entities` when it is null), and
  // a mention's `mentioned.id` and text.
  entities: z
    .array(
      z
        .looseObject({ type: text, mentioned: account.optional(), text: optionalText })
        .refine((entity) => entity.type.toLowerCase() !== 'mention' || entity.mentioned !== undefined),
    )
    .optional(),
  attachments: z.array(z.looseObject({ contentType: optionalText })).nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
});

export function isActivityEnvelope(body: unknown): boolean {
  return activityEnvelope.safeParse(body).success;
}

/** No control characters and no lone UTF-16 surrogates. */
function isSafeId(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index += 1;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}
