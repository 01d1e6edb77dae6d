import type { BusInstrumentation } from './bus-instrumentation.js';
import { type InstalledHooks, NO_HOOKS, summarizeHooks } from './installed-hooks.js';

/**
 * The instrumentations installed on one bus, and their hooks grouped by kind. Every bus keeps one;
 * its lanes read {@link InstrumentationRegistry.hooks} on each delivery, so the grouping is done
 * once per install or removal, never per event.
 */
export class InstrumentationRegistry {
  #installed: readonly BusInstrumentation[] = [];
  #hooks: InstalledHooks = NO_HOOKS;

  /** The installed hooks, grouped by kind; a new object after every change. */
  get hooks(): InstalledHooks {
    return this.#hooks;
  }

  /** Installs `instrumentation` until the returned handle is disposed (disposing twice is harmless). */
  install(instrumentation: BusInstrumentation): Disposable {
    this.#update([...this.#installed, instrumentation]);
    return {
      [Symbol.dispose]: () =>
        this.#update(this.#installed.filter((installed) => installed !== instrumentation)),
    };
  }

  #update(installed: readonly BusInstrumentation[]): void {
    this.#installed = installed;
    this.#hooks = summarizeHooks(installed);
  }
}
