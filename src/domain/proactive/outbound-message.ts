/**
 * Everything Crewdesk sends on its own initiative — reminders, approval requests, ticket updates,
 * rotation notices — is an outbound message: queued in the database under an idempotency key, then
 * delivered by the one proactive worker (src/teams/proactive-sender.ts), which honours Teams'
 * limits and records each delivery's fate (design: "Teams limits").
 */
import type { CalendarDate } from '../shared/calendar-date.js';

/** What the message is about; the admin view and the metrics group by it. */
export type OutboundCategory = 'reminder' | 'approval' | 'ticket' | 'rotation' | 'notice' | 'webhook';

/** An Adaptive Card (plain JSON, built by a pure card builder) or a short text. */
export type OutboundPayload =
  | { kind: 'card'; card: Record<string, unknown>; fallbackText?: string }
  | { kind: 'text'; text: string }
  /** Not for Teams: a JSON document for the ticket webhook (src/integrations/ticket-webhook.ts). */
  | { kind: 'webhook'; body: Record<string, unknown> };

/**
 * The stored conversation a message goes to: a person's personal chat with the bot is keyed by
 * their aadObjectId; a channel or group chat by its conversation id.
 */
export type RecipientKey = string;

export const personRecipient = (aadObjectId: string): RecipientKey => aadObjectId;
export const conversationRecipient = (conversationId: string): RecipientKey => conversationId;

export interface OutboundMessage {
  recipientKey: RecipientKey;
  /** Unique per message ever meant: enqueueing the same key again does nothing. */
  idempotencyKey: string;
  category: OutboundCategory;
  payload: OutboundPayload;
  /** The language of the payload: the recipient's directory locale for a person. */
  locale: string;
}

export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why a delivery is retried or failed: stable codes, shown to admins and counted in metrics. */
export type DeliveryReason =
  /** 429: Teams asked us to slow down (Retry-After). */
  | 'throttled'
  /** 412, 5xx: a transient failure on Microsoft's side. */
  | 'transient'
  | 'timeout'
  | 'connection_error'
  /** 403: the person blocked or removed the bot, or the bot is not in the channel any more. */
  | 'bot_blocked'
  /** 404: the conversation does not exist any more. */
  | 'conversation_not_found'
  /** No conversation reference is stored for the recipient (never installed, never wrote). */
  | 'no_conversation_reference'
  /** Another 4xx: the connector refuses the message itself; sending it again cannot help. */
  | 'rejected'
  | 'retries_exhausted';

/** One message in the queue, as the worker and the admin view see it. */
export interface OutboundJob extends OutboundMessage {
  id: string;
  status: DeliveryStatus;
  /** Attempts made so far, the one in progress included (counted when a worker claims the job). */
  attempts: number;
  /** ISO instant from which the job may be (re)tried. */
  nextAttemptAt: string;
  /** `<reason>: <detail>` of the last failed attempt. */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface StoredConversation {
  key: RecipientKey;
  /** botbuilder's ConversationReference as JSON, without the activity id (no reply threads). */
  reference: Record<string, unknown>;
  tenantId: string | null;
  scope: 'personal' | 'channel' | 'groupChat';
  /** The person's IANA time zone as their client last reported it (personal chats). */
  timeZone: string | null;
  updatedAt: string;
}

export interface ReminderPreference {
  aadObjectId: string;
  /** ISO instant until which reminders wait; the reminder comes again after it. */
  snoozedUntil: string | null;
  optedOut: boolean;
}

/** A message as it enters the queue. */
export type QueuedMessage = OutboundMessage & { id: string; createdAt: string; notBefore?: string };

export interface ClaimRequest {
  workerId: string;
  now: string;
  /** Until when the claimed jobs are this worker's; after it another worker may take them. */
  leaseUntil: string;
  limit: number;
}

/** The queue, the stored conversations and the reminder preferences; the Store implements it. */
export interface OutboundRepository {
  saveConversation(conversation: StoredConversation): Promise<void>;
  findConversation(key: RecipientKey): Promise<StoredConversation | null>;
  /** Personal conversations: who can be reached, and in which time zone. */
  listPersonalConversations(): Promise<Pick<StoredConversation, 'key' | 'timeZone'>[]>;

  /** Inserts the message unless its idempotency key is known; true when it was inserted. */
  enqueue(message: QueuedMessage): Promise<boolean>;
  /**
   * `enqueue` for many messages in a few statements (a reminder round queues one per person):
   * answers the idempotency keys that were inserted; known keys are left as they are.
   */
  enqueueMany(messages: readonly QueuedMessage[]): Promise<Set<string>>;
  /** Which of these idempotency keys are already queued (in any status). */
  knownIdempotencyKeys(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Hands due jobs (queued or retrying, next attempt reached, not leased) to one worker, counting
   * the attempt; each job goes to exactly one worker at a time.
   */
  claimDue(request: ClaimRequest): Promise<OutboundJob[]>;
  /** Each of these applies only while `workerId` holds the job (a lost lease changes nothing). */
  markSent(id: string, workerId: string, sentAt: string): Promise<boolean>;
  markRetrying(
    id: string,
    workerId: string,
    retry: { nextAttemptAt: string; error: string },
  ): Promise<boolean>;
  markFailed(id: string, workerId: string, error: string): Promise<boolean>;
  /** Gives back a claimed job that was not attempted (the worker stops), uncounting the attempt. */
  release(id: string, workerId: string): Promise<void>;
  findByIdempotencyKey(key: string): Promise<OutboundJob | null>;
  listDeliveries(query: { status?: DeliveryStatus; limit: number }): Promise<OutboundJob[]>;
  countByStatus(): Promise<Record<DeliveryStatus, number>>;

  reminderPreferences(): Promise<ReminderPreference[]>;
  snoozeReminders(aadObjectId: string, until: string): Promise<void>;
  setRemindersOptOut(aadObjectId: string, optedOut: boolean): Promise<void>;
}

/** The idempotency key of a person's daily reminder; a snoozed reminder comes back under its own. */
export function reminderKey(aadObjectId: string, date: CalendarDate, snoozedUntil?: string): string {
  return snoozedUntil
    ? `reminder:${aadObjectId}:${date}:after:${snoozedUntil}`
    : `reminder:${aadObjectId}:${date}`;
}

/** How other parts of the app send: enqueue, and let the worker deliver. */
export interface Outbox {
  /** True when queued now; false when a message with this idempotency key exists already. */
  send(message: OutboundMessage, options?: { notBefore?: Date }): Promise<boolean>;
}

export function createOutbox(dependencies: {
  outbound: Pick<OutboundRepository, 'enqueue'>;
  clock: { now(): Date };
  newId: () => string;
}): Outbox {
  return {
    send(message, options = {}) {
      const now = dependencies.clock.now().toISOString();
      return dependencies.outbound.enqueue({
        ...message,
        id: dependencies.newId(),
        createdAt: now,
        notBefore: options.notBefore?.toISOString() ?? now,
      });
    },
  };
}
