import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * Remembers which activities were processed, so that an activity Teams sends again (it does when a
 * turn takes longer than about 15 s) has no second effect.
 */
export interface ActivityLedger {
  /** Records the activity; false when it was already recorded (a redelivery). */
  claim(activityKey: string, conversationId: string): Promise<boolean>;
  /** Forgets a claim whose turn failed, so that Teams' retry is processed. */
  release(activityKey: string): Promise<void>;
}

export function createActivityLedger(db: Kysely<Database>, now: () => string): ActivityLedger {
  return {
    async claim(activityKey, conversationId) {
      const result = await db
        .insertInto('processed_activities')
        .values({ activity_key: activityKey, conversation_id: conversationId, received_at: now() })
        .onConflict((conflict) => conflict.column('activity_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async release(activityKey) {
      await db.deleteFrom('processed_activities').where('activity_key', '=', activityKey).execute();
    },
  };
}
