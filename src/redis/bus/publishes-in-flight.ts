interface Publish {
  waiters: (() => void)[] | undefined;
}

/**
 * The publishes of a bus that have not returned yet, per stream. A reader of the same bus may read
 * an entry before the XADD's reply reaches its publisher (they use different connections); it waits
 * for those publishes, so that, as in memory, `published` hooks run before the event's deliveries.
 */
export class PublishesInFlight {
  readonly #byStream = new Map<string, Set<Publish>>();

  /** Records a publish to `stream`; call the function returned once it has returned or failed. */
  begin(stream: string): () => void {
    const publish: Publish = { waiters: undefined };
    let publishes = this.#byStream.get(stream);
    if (publishes === undefined) this.#byStream.set(stream, (publishes = new Set()));
    publishes.add(publish);
    return () => {
      publishes.delete(publish);
      if (publishes.size === 0) this.#byStream.delete(stream);
      for (const wake of publish.waiters ?? []) wake();
    };
  }

  /** Resolves once every publish to one of `streams` begun so far has returned; `undefined` if none is running. */
  settled(streams: readonly string[]): Promise<void> | undefined {
    const running = streams.flatMap((stream) => [...(this.#byStream.get(stream) ?? [])]);
    if (running.length === 0) return undefined;
    return new Promise((resolve) => {
      let remaining = running.length;
      const done = (): void => {
        remaining -= 1;
        if (remaining === 0) resolve();
      };
      for (const publish of running) (publish.waiters ??= []).push(done);
    });
  }
}
