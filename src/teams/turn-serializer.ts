/**
 * Runs the turns of one conversation one after the other. teams-ai's TurnState writes back the
 * eTag it read, so concurrent turns of one conversation fail with "eTag conflict" (94 % of 50
 * concurrent messages in a trial, ../shared/stack-notes.md); queuing them per conversation in the
 * process removes the conflict while other conversations run in parallel.
 */
export class TurnSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(conversationKey: string, turn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    const result = previous.then(turn, turn);
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
