import type { BusInstrumentation, InstalledInstrumentation } from './bus-instrumentation.js';
import { InstalledHooks, NO_HOOKS } from './installed-hooks.js';

/**
 * The instrumentations installed on one bus, and their hooks grouped by kind. Every bus keeps one;
 * it reads {@link InstrumentationRegistry.hooks} on each publish and its lanes on each delivery, so
 * the grouping is done once per install or removal, never per event.
 */
export class InstrumentationRegistry {
  #installed: readonly BusInstrumentation[] = [];
  #hooks: InstalledHooks = NO_HOOKS;
  #samplingEpoch = 0;

  /** The installed hooks, grouped by kind; a new object after every install or removal. */
  get hooks(): InstalledHooks {
    return this.#hooks;
  }

  /**
   * Changes at every install, removal and resample. Samplers (the bus's for `published`, each lane's
   * for deliveries) remember the epoch their count belongs to, and start over when it moves on.
   */
  get samplingEpoch(): number {
    return this.#samplingEpoch;
  }

  /** Installs `instrumentation` until the returned handle is disposed (disposing twice is harmless). */
  install(instrumentation: BusInstrumentation): InstalledInstrumentation {
    this.#update([...this.#installed, instrumentation]);
    return {
      resample: () => {
        if (this.#installed.includes(instrumentation)) this.#samplingEpoch += 1;
      },
      [Symbol.dispose]: () =>
        this.#update(this.#installed.filter((installed) => installed !== instrumentation)),
    };
  }

  #update(installed: readonly BusInstrumentation[]): void {
    this.#installed = installed;
    this.#hooks = new InstalledHooks(installed);
    this.#samplingEpoch += 1;
  }
}
