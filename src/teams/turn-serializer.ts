/**
 * Runs the turns of one conversation one after the other. teams-ai's TurnState writes back the
 * eTag it read, so concurrent turns of one conversation fail with "eTag conflict" (94 % of 50
 * concurrent messages in a trial, ../shared/stack-notes.md); queuing them per conversation in the
 * process removes the conflict while other conversations run in parallel.
 *
 * Several instances on one PostgreSQL (issue 8): the turn at the head of a conversation's queue
 * then also takes the conversation's cross-instance lock (src/storage/conversation-lock.ts) — first
 * in the process, then across processes, so that at most one turn per conversation and process ever
 * waits on the database, and the lock is held only while the turn runs.
 */
export interface CrossInstanceLock {
  run<T>(conversationKey: string, work: () => Promise<T>): Promise<T>;
}

export class TurnSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly crossInstance?: CrossInstanceLock) {}

  run<T>(conversationKey: string, turn: () => Promise<T>): Promise<T> {
    const locked = this.crossInstance ? () => this.crossInstance!.run(conversationKey, turn) : turn;
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    const result = previous.then(locked, locked);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversationKey, tail);
    void tail.then(() => {
      if (this.tails.get(conversationKey) === tail) this.tails.delete(conversationKey);
    });
    return result;
  }

  /** Conversations with a turn running or waiting (for tests and metrics). */
  get activeConversations(): number {
    return this.tails.size;
  }
}
