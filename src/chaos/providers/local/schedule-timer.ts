// Repeats a local experiment on its Schedule's cron, with intervals multiplied by timeScale
// (`@every 5m` at 0.01 → every 3 s). Forbid skips a firing while the previous one is active.
// Bounded by maxFires; stop() ends it. Node side.
import { nextFireAfter, parseCron, type CronSpec } from '../../cron.ts';
import { ChaosError } from '../../../errors.ts';
import type { ScheduleSpec } from '../../kinds/types.ts';
import type { ScaledMs } from '../../record.ts';
import { MAX_TIMER_MS } from '../../timeouts.ts';

export interface ScheduleTimerOptions {
  timeScale: number;
  maxFires: number;
  isBusy: () => boolean;
  fire: () => Promise<void>;
  onSkip: (why: string) => void;
}

export class ScheduleTimer {
  readonly firstInterval: ScaledMs;
  armed = true;
  private readonly cron: CronSpec;
  private readonly o: ScheduleTimerOptions;
  /** The nominal (unscaled) clock the cron is evaluated on. */
  private nominalNow: number;
  private fires = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(spec: ScheduleSpec, options: ScheduleTimerOptions) {
    const parsed = parseCron(spec.schedule);
    if (!parsed.ok) throw new ChaosError(`schedule "${spec.schedule}": ${parsed.message}`);
    this.cron = parsed.spec;
    this.o = options;
    this.nominalNow = Date.now();
    this.firstInterval = this.arm();
  }

  private arm(): ScaledMs {
    const next = nextFireAfter(this.cron, new Date(this.nominalNow));
    if (!next || this.fires >= this.o.maxFires) {
      this.armed = false;
      return { nominalMs: 0, appliedMs: 0 };
    }
    const nominalMs = next.getTime() - this.nominalNow;
    const appliedMs = Math.max(1, Math.round(nominalMs * this.o.timeScale));
    if (appliedMs > MAX_TIMER_MS) {
      // setTimeout would fire such a timer at once (and then again and again): this fire lies
      // weeks ahead, after any run has ended, so the Schedule simply does not fire.
      this.armed = false;
      this.o.onSkip(`next fire is ${Math.round(appliedMs / 86_400_000)} days away: not armed`);
      return { nominalMs, appliedMs };
    }
    this.nominalNow = next.getTime();
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, appliedMs);
    this.timer.unref();
    return { nominalMs, appliedMs };
  }

  private async tick(): Promise<void> {
    if (!this.armed) return;
    this.fires += 1;
    if (this.o.isBusy()) {
      this.o.onSkip(`fire ${this.fires} skipped: previous run still active (concurrencyPolicy Forbid)`);
    } else {
      await this.o
        .fire()
        .catch((error: Error) => this.o.onSkip(`fire ${this.fires} failed: ${error.message}`));
    }
    if (this.armed) this.arm();
  }

  stop(): void {
    this.armed = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Resolves once a firing in progress has finished. */
  idle(): Promise<void> {
    return this.running;
  }
}
