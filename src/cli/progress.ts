/**
 * A one-line progress indicator for long waits (connecting, recovering). It draws only on a
 * terminal: piped output must stay byte-for-byte what scripts and tests expect.
 */

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** What a progress indicator writes to: a stream and whether it is a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(chunk: string): boolean;
}

/** A spinner with a label and the elapsed time; a no-op when the stream is not a terminal. */
export class Progress {
  private timer: ReturnType<typeof setInterval> | undefined;
  private label = "";
  private startedAt = 0;
  private frame = 0;

  /**
   * @param stream - Where the spinner is drawn.
   * @param alsoRequireTTY - Another stream that must be a terminal too: with stdout piped the
   *   run is a script's, and a spinner on the terminal's stderr would only be noise.
   */
  constructor(
    private readonly stream: ProgressStream = process.stderr,
    private readonly alsoRequireTTY: { readonly isTTY?: boolean } = process.stdout,
  ) {}

  /** Whether anything is drawn at all. */
  get enabled(): boolean {
    return this.stream.isTTY === true && this.alsoRequireTTY.isTTY === true;
  }

  /** Shows (or relabels) the spinner. */
  start(label: string): void {
    if (!this.enabled) return;
    if (this.timer === undefined || this.label !== label) this.startedAt = Date.now();
    this.label = label;
    if (this.timer !== undefined) return;
    this.draw();
    this.timer = setInterval(() => this.draw(), 80);
    // A spinner must never keep the process alive.
    this.timer.unref();
  }

  /** Erases the spinner line. Safe to call when nothing is shown. */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write("\r\x1b[2K");
  }

  private draw(): void {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const frame = FRAMES[this.frame++ % FRAMES.length] ?? "";
    this.stream.write(`\r\x1b[2K${frame} ${this.label}… ${seconds}s`);
  }
}
