/**
 * Whether the server may take traffic: false until migrations and the demo seed are done. /readyz
 * answers 503 (never 500) until then, and the bot and API answer 503 with Retry-After.
 */
export class Readiness {
  private state: { ready: boolean; reason: string } = { ready: false, reason: 'starting' };

  markStarting(reason: string): void {
    this.state = { ready: false, reason };
  }

  markReady(): void {
    this.state = { ready: true, reason: 'ready' };
  }

  get ready(): boolean {
    return this.state.ready;
  }

  get reason(): string {
    return this.state.reason;
  }
}
