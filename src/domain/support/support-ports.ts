import type { Ticket, TicketCategory, TicketEvent, TicketStatus } from './ticket.js';

/** What an IT agent typed in a channel: `queue connectivity|equipment|all`. */
export const QUEUE_CATEGORIES = ['connectivity', 'equipment', 'all'] as const;
export type QueueCategory = (typeof QUEUE_CATEGORIES)[number];

/** A Teams channel that receives the tickets of a category. */
export interface SupportQueue {
  conversationId: string;
  category: QueueCategory;
  registeredBy: string;
  registeredAt: string;
  /** The language of the agent who registered it: the queue's cards are written in it. */
  locale: string;
}

export interface TicketFilter {
  status?: TicketStatus;
  queueConversationId?: string;
  category?: TicketCategory;
  siteId?: string;
  requesterAadObjectId?: string;
  limit: number;
}

/** The tickets, their history and the queues; the Store implements it for every backend. */
export interface SupportRepository {
  /** Inserts the ticket and its first event unless its sourceKey is known; true when inserted. */
  insertTicket(ticket: Ticket, event: TicketEvent): Promise<boolean>;
  findTicket(id: string): Promise<Ticket | null>;
  findTicketBySourceKey(sourceKey: string): Promise<Ticket | null>;
  /** The number the next ticket gets (one more than the highest so far). */
  nextTicketNumber(): Promise<number>;
  /**
   * Writes `ticket` and appends `event` only if the stored version is still `expectedVersion`;
   * false when someone else changed the ticket first (nothing is written then).
   */
  updateTicket(ticket: Ticket, expectedVersion: number, event: TicketEvent): Promise<boolean>;
  /** Newest first. */
  listTickets(filter: TicketFilter): Promise<Ticket[]>;
  /** New tickets whose first answer was due by `now`, not yet escalated; the most overdue first. */
  listOverdue(now: string, limit: number): Promise<Ticket[]>;
  /** Marks the ticket escalated unless it already is; true for the one caller that marked it. */
  markEscalated(ticketId: string, at: string): Promise<boolean>;
  /** Oldest first. */
  ticketEvents(ticketId: string): Promise<TicketEvent[]>;

  /** Registers (or re-registers) a channel for a category. */
  saveQueue(queue: SupportQueue): Promise<void>;
  /** Unregisters every category of a channel; returns how many were removed. */
  removeQueues(conversationId: string): Promise<number>;
  /** Oldest registration first. */
  listQueues(): Promise<SupportQueue[]>;
}
