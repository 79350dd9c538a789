import { z } from 'zod';

const text = z.string().max(512 * 1024);
const optionalText = text.nullish();
/**
 * Ids end up in connector URLs and headers (x-ms-conversation-id): no control characters and no
 * lone UTF-16 surrogates, which make the reply fail before it is sent.
 */
const id = z.string().min(1).max(1024).refine(isSafeId);
/** The conversation id also travels as an HTTP header value, which Node limits to Latin-1. */
const conversationId = id.refine((value) => /^[\x20-\x7e\x80-\xff]+$/.test(value));
const account = z.object({ id, name: optionalText, aadObjectId: optionalText }).passthrough();

/**
 * The envelope every Bot Framework activity has, checked before botbuilder and teams-ai read it
 * (issue 5, "Bad input"). They trust it: a `from` without an id, a numeric `text` or an object
 * `locale` made turns fail inside the libraries and the apology fail too (found by
 * tests/integration/fuzz.test.ts). The Bot Connector always sends these fields with these types,
 * so an activity that breaks them is a client mistake (400); `value` and `channelData` beyond the
 * tenant stay free — card data is validated by each action's own schema.
 */
export const activityEnvelope = z
  .object({
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
    conversation: z
      .object({
        id: conversationId,
        tenantId: optionalText,
        conversationType: optionalText,
        name: optionalText,
      })
      .passthrough(),
    channelData: z
      .object({ tenant: z.object({ id: optionalText }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    // botbuilder's mention removal reads every entity's type (and `entities` when it is null), and
    // a mention's `mentioned.id` and text.
    entities: z
      .array(
        z
          .object({ type: text, mentioned: account.optional(), text: optionalText })
          .passthrough()
          .refine((entity) => entity.type.toLowerCase() !== 'mention' || entity.mentioned !== undefined),
      )
      .optional(),
    attachments: z.array(z.object({ contentType: optionalText }).passthrough()).nullish(),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
  })
  .passthrough();

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
