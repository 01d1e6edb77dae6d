/**
 * One progress line on stderr: rewritten in place on a terminal, one line per step otherwise (so a
 * CI log shows where a long run is without a line per run).
 */
export class Progress {
  readonly #tty = process.stderr.isTTY;
  readonly #started = performance.now();
  #lastStep = '';

  /** Shows `step` (e.g. "scenario 2/6 thousand-types") and `detail` (e.g. "round 3/5 emittery"). */
  update(step: string, detail: string): void {
    const elapsed = ((performance.now() - this.#started) / 1000).toFixed(0).padStart(4);
    if (this.#tty) {
      process.stderr.write(`\r\x1b[K[${elapsed}s] ${step} · ${detail}`);
    } else if (step !== this.#lastStep) {
      process.stderr.write(`[${elapsed}s] ${step}\n`);
    }
    this.#lastStep = step;
  }

  /** Prints a message on its own line (notes, errors). */
  note(message: string): void {
    if (this.#tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${message}\n`);
  }

  done(): void {
    if (this.#tty) process.stderr.write('\r\x1b[K');
  }
}
