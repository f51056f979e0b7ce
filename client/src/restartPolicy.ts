// When to restart a crashed language server: a few times, then stop and tell the user.
// Pure logic (no vscode import) so the unit tests can drive it with a fake clock.

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  shouldRestart(): boolean {
    const at = this.now();
    this.crashes = this.crashes.filter((t) => at - t < this.windowMs);
    this.crashes.push(at);
    return this.crashes.length <= this.maxRestarts;
  }

  /** A deliberate restart (the command) starts the count again. */
  reset(): void {
    this.crashes = [];
  }
}
