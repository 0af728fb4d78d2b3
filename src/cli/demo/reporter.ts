/**
 * How the demo talks: step headings, short aligned lines with the elapsed time, checks, and the
 * closing summary table. `--quiet` keeps only the summary.
 */
import { Progress } from "../progress.js";

/** The outcome of one check in the summary. */
export type CheckStatus = "passed" | "failed" | "skipped";

/** One row of the summary. */
export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

/** Where the demo writes. `process.stdout` fits. */
export interface DemoOutput {
  write(chunk: string): boolean;
}

const MARK: Record<CheckStatus, string> = { passed: "✓", failed: "✗", skipped: "–" };
const WHO_WIDTH = 6;
const NAME_WIDTH = 13;

/** Collects checks and prints the running commentary. */
export class Reporter {
  readonly checks: CheckResult[] = [];
  private readonly startedAt = Date.now();
  private readonly progress: Progress;

  constructor(
    private readonly out: DemoOutput,
    private readonly quiet: boolean,
    progress?: Progress,
  ) {
    this.progress = progress ?? new Progress();
  }

  /** Seconds since the demo started, for the time column. */
  elapsed(): string {
    return `${((Date.now() - this.startedAt) / 1000).toFixed(2)}s`;
  }

  private write(text: string): void {
    if (this.quiet) return;
    this.progress.stop();
    this.out.write(`${text}\n`);
  }

  /** A free line (banner, blank line). */
  say(text = ""): void {
    this.write(text);
  }

  /** A numbered step heading. */
  heading(number: number, title: string): void {
    this.write(`\n${number}. ${title}`);
  }

  /** One event in a step: time, who, what. */
  line(who: string, text: string): void {
    this.write(`  ${this.elapsed().padStart(6)}  ${who.padEnd(WHO_WIDTH)} ${text}`);
  }

  /** Shows a spinner while the demo waits for something slow (terminal only). */
  waiting(what: string): void {
    if (!this.quiet) this.progress.start(what);
  }

  /** Hides the spinner. */
  doneWaiting(): void {
    this.progress.stop();
  }

  /** Records a check and prints it in the commentary. */
  check(name: string, passed: boolean, detail: string): void {
    this.record({ name, status: passed ? "passed" : "failed", detail });
  }

  /** Records a check that could not run, and why. */
  skip(name: string, reason: string): void {
    this.record({ name, status: "skipped", detail: reason });
  }

  private record(result: CheckResult): void {
    this.checks.push(result);
    this.write(`  ${"".padStart(6)}  ${MARK[result.status]} ${result.name}: ${result.detail}`);
  }

  /** Whether every check passed or was skipped. */
  get passed(): boolean {
    return this.checks.every((check) => check.status !== "failed");
  }

  /** The one-screen summary table and verdict. */
  summary(title: string): string {
    const rows = this.checks.map(
      (check) => `  ${MARK[check.status]}  ${check.name.padEnd(NAME_WIDTH)} ${check.detail}`,
    );
    const count = (status: CheckStatus) => this.checks.filter((check) => check.status === status).length;
    const failed = count("failed");
    const skipped = count("skipped");
    const verdict =
      failed > 0
        ? `${failed} of ${this.checks.length} checks FAILED.`
        : `All ${count("passed")} checks passed${skipped > 0 ? ` (${skipped} skipped)` : ""}.`;
    return [`Summary — ${title}, ${this.elapsed()}`, ...rows, verdict].join("\n");
  }
}
