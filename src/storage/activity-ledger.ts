import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * Remembers which activities were processed, so that an activity Teams sends again (it does when a
 * turn takes longer than about 15 s) has no second effect — and one whose process died mid-turn
 * (kill -9, a crash, a deployment) is processed when Teams redelivers it, not lost.
 *
 * Within one process the turns of a conversation run one after the other, so a redelivery waits
 * for the first delivery and then finds it done. A claim left 'processing' by another process
 * (another instance id) is taken over: that process is gone. Use cases keep the takeover from
 * doubling records (hours entries carry their source activity id; see hours-service.ts).
 */
export interface ActivityLedger {
  /** Claims the activity for this process; false when it was processed already (a redelivery). */
  claim(activityKey: string, conversationId: string): Promise<boolean>;
  /** Marks the activity's turn finished. */
  complete(activityKey: string): Promise<void>;
  /** Forgets a claim whose turn failed, so that Teams' retry is processed. */
  release(activityKey: string): Promise<void>;
}

export function createActivityLedger(
  db: Kysely<Database>,
  now: () => string,
  instanceId: string,
): ActivityLedger {
  return {
    async claim(activityKey, conversationId) {
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
      // Taken over only from a process that is gone; of two taking over at once, one wins.
      const takenOver = await db
        .updateTable('processed_activities')
        .set({ instance_id: instanceId, received_at: now() })
        .where('activity_key', '=', activityKey)
        .where('state', '=', 'processing')
        .where((eb) => eb.or([eb('instance_id', 'is', null), eb('instance_id', '!=', instanceId)]))
        .executeTakeFirst();
      return Number(takenOver.numUpdatedRows) === 1;
    },

    async complete(activityKey) {
      await db
        .updateTable('processed_activities')
        .set({ state: 'done' })
        .where('activity_key', '=', activityKey)
        .execute();
    },

    async release(activityKey) {
      await db.deleteFrom('processed_activities').where('activity_key', '=', activityKey).execute();
    },
  };
}
