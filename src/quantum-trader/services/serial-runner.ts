/**
 * Runs tasks one at a time in call order, so that a read-decide-write-publish sequence never
 * interleaves with another. A failed task does not stop the ones after it.
 */
export class SerialRunner {
  #tail: Promise<unknown> = Promise.resolve();

  run<TResult>(task: () => Promise<TResult>): Promise<TResult> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
