// Structural cleanup: whatever a run acquires (target processes, applied chaos, temp files) pushes a
// disposer here; they run last-in first-out on success, error and interrupt, each bounded in time,
// and one failing disposer never stops the others. Runs in: Node.

export type Disposer = () => Promise<void> | void;

export interface CleanupFailure {
  readonly label: string;
  readonly error: unknown;
}

export class CleanupStack {
  private readonly entries: { label: string; dispose: Disposer }[] = [];
  private running: Promise<CleanupFailure[]> | undefined;

  push(label: string, dispose: Disposer): void {
    this.entries.push({ label, dispose });
  }

  get size(): number {
    return this.entries.length;
  }

  /** Run every disposer once (later calls wait for the same run); resolves with the failures. */
  runAll(timeoutMs = 60_000): Promise<CleanupFailure[]> {
    this.running ??= this.drain(timeoutMs);
    return this.running;
  }

  private async drain(timeoutMs: number): Promise<CleanupFailure[]> {
    const failures: CleanupFailure[] = [];
    while (this.entries.length > 0) {
      const { label, dispose } = this.entries.pop()!;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`cleanup "${label}" took longer than ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([Promise.resolve().then(dispose), timeout]);
      } catch (error) {
        failures.push({ label, error });
      } finally {
        clearTimeout(timer);
      }
    }
    return failures;
  }
}
