import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * Remembers which activities were processed, so that an activity Teams sends again (it does when a
 * turn takes longer than about 15 s) has no second effect — and one whose process died mid-turn
 * (kill -9, a crash, a deployment) is processed when Teams redelivers it, not lost.
 *
 * Within one process the turns of a conversation run one after the other, so a redelivery waits
 * for the first delivery and then finds it done. A claim left 'processing' is taken over when no
 * turn holds it any more:
 * - another process's (another instance id): that process is gone. With several instances on
 *   PostgreSQL this holds because the claim is read under the conversation's cross-instance turn
 *   lock (src/storage/conversation-lock.ts): a live instance would still hold it, a dead one's
 *   session and lock are gone;
 * - this process's, when no turn of this process holds it (the claims held are kept in memory):
 *   its turn failed while the database was unreachable, so it could neither finish nor release
 *   the claim, and answered 503 — Teams' redelivery must then be processed, not taken for a
 *   duplicate.
 * Use cases keep a takeover from doubling records (hours entries carry their source activity id;
 * see hours-service.ts).
 */
export interface ActivityLedger {
  /** Claims the activity for this process; false when it was processed already (a redelivery). */
  claim(activityKey: string, conversationId: string): Promise<boolean>;
  /** Marks the activity's turn finished. */
  complete(activityKey: string): Promise<void>;
  /** Forgets a claim whose turn failed, so that Teams' retry is processed. */
  release(activityKey: string): Promise<void>;
}

/** Activity keys claimed by a running turn, per instance id (one per opened store). */
const heldByInstance = new Map<string, Set<string>>();

export function createActivityLedger(
  db: Kysely<Database>,
  now: () => string,
  instanceId: string,
): ActivityLedger {
  let held = heldByInstance.get(instanceId);
  if (!held) heldByInstance.set(instanceId, (held = new Set()));
  const claims = held;

  async function claimInDatabase(activityKey: string, conversationId: string): Promise<boolean> {
    const inserted = await db
      .insertInto('processed_activities')
      .values({
        activity_key: activityKey,
        conversation_id: conversationId,
        received_at: now(),
        state: 'processing',
        instance_id: instanceId,
      })
      .onConflict((conflict) => conflict.column('activity_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
    const existing = await db
      .selectFrom('processed_activities')
      .select(['state', 'instance_id'])
      .where('activity_key', '=', activityKey)
      .executeTakeFirst();
    if (existing?.state !== 'processing') return false;
    // No turn holds it (see above). Of two processes taking over at once, one wins: the update
    // only applies while the owner is still the one read.
    const owner = existing.instance_id;
    const takenOver = await db
      .updateTable('processed_activities')
      .set({ instance_id: instanceId, received_at: now() })
      .where('activity_key', '=', activityKey)
      .where('state', '=', 'processing')
      .where('instance_id', owner === null ? 'is' : '=', owner)
      .executeTakeFirst();
    return Number(takenOver.numUpdatedRows) === 1;
  }

  return {
    async claim(activityKey, conversationId) {
      // A turn of this process holds it: a redelivery while the first delivery runs.
      if (claims.has(activityKey)) return false;
      claims.add(activityKey);
      let claimed = false;
      try {
        claimed = await claimInDatabase(activityKey, conversationId);
        return claimed;
      } finally {
        if (!claimed) claims.delete(activityKey);
      }
    },

    async complete(activityKey) {
      try {
        await db
          .updateTable('processed_activities')
          .set({ state: 'done' })
          .where('activity_key', '=', activityKey)
          .execute();
      } finally {
        claims.delete(activityKey);
      }
    },

    async release(activityKey) {
      try {
        await db.deleteFrom('processed_activities').where('activity_key', '=', activityKey).execute();
      } finally {
        claims.delete(activityKey);
      }
    },
  };
}
