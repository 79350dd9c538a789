import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/** A stored document as botbuilder sees it; `eTag` enables optimistic concurrency. */
export interface StoredDocument {
  eTag?: string;
  [property: string]: unknown;
}

/**
 * botbuilder's `Storage` contract (structurally; this folder does not import botbuilder):
 * - read omits unknown keys;
 * - write with no eTag or `*` is unconditional; with an eTag it succeeds only if it matches the
 *   stored one (or nothing is stored yet), otherwise it fails with an "eTag conflict" error;
 * - delete ignores unknown keys.
 */
export interface BotStateStorage {
  read(keys: string[]): Promise<Record<string, StoredDocument>>;
  write(changes: Record<string, StoredDocument>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export function createBotStateStorage(db: Kysely<Database>, now: () => string): BotStateStorage {
  return {
    async read(keys) {
      if (keys.length === 0) return {};
      const rows = await db
        .selectFrom('bot_state')
        .select(['state_key', 'document', 'etag'])
        .where('state_key', 'in', keys)
        .execute();
      const items: Record<string, StoredDocument> = {};
      for (const row of rows) {
        items[row.state_key] = { ...(JSON.parse(row.document) as object), eTag: row.etag };
      }
      return items;
    },

    async write(changes) {
      for (const [key, change] of Object.entries(changes)) {
        const { eTag, ...content } = change;
        const document = JSON.stringify(content);
        const etag = randomUUID();
        const at = now();
        if (!eTag || eTag === '*') {
          await db
            .insertInto('bot_state')
            .values({ state_key: key, document, etag, updated_at: at })
            .onConflict((conflict) =>
              conflict.column('state_key').doUpdateSet({ document, etag, updated_at: at }),
            )
            .execute();
          continue;
        }
        const updated = await db
          .updateTable('bot_state')
          .set({ document, etag, updated_at: at })
          .where('state_key', '=', key)
          .where('etag', '=', eTag)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 1) continue;
        const inserted = await db
          .insertInto('bot_state')
          .values({ state_key: key, document, etag, updated_at: at })
          .onConflict((conflict) => conflict.column('state_key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new ETagConflictError(key);
      }
    },

    async delete(keys) {
      if (keys.length === 0) return;
      await db.deleteFrom('bot_state').where('state_key', 'in', keys).execute();
    },
  };
}
