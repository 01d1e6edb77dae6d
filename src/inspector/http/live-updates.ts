// Server-Sent Events: one serialised update per tick, written to every open page. The timer runs
// only while a page is connected, so an inspector nobody watches costs only its hooks.
import type { ServerResponse } from 'node:http';
import { EventStatusIndex } from '../views/event-views.js';
import type { InspectorViews } from '../views/inspector-views.js';

/** Newest events sent in one message; a page that falls further behind skips the rest. */
export const MAX_EVENTS_PER_UPDATE = 500;
/** A page whose connection has this much unsent data is dropped (its browser reconnects). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Dead letters are re-read at least this often, for sinks that change behind the bus's back. */
const DEAD_LETTER_REFRESH_TICKS = 20;
const RECONNECT_DELAY_MS = 2000;

/** Pushes the bus's state to every connected page. */
export class LiveUpdates {
  readonly #views: InspectorViews;
  readonly #intervalMs: number;
  readonly #clients = new Set<ServerResponse>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  #ticksSinceDeadLetters = 0;
  #nextEventSeq: number;
  #nextFailureSeq: number;
  #closed = false;

  constructor(views: InspectorViews, intervalMs: number) {
    this.#views = views;
    this.#intervalMs = intervalMs;
    this.#nextEventSeq = views.recorder.events.total;
    this.#nextFailureSeq = views.recorder.failures.total;
  }

  /** Number of pages connected. */
  get clientCount(): number {
    return this.#clients.size;
  }

  /** Takes over `response` as an event stream and sends it a full snapshot first. */
  async connect(response: ServerResponse): Promise<void> {
    if (this.#closed) {
      response.writeHead(503).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: ${RECONNECT_DELAY_MS}\n\n`);
    this.#clients.add(response);
    response.on('close', () => this.#disconnect(response));
    const snapshot = await this.#snapshot();
    if (!response.writableEnded) this.#send(response, frame('snapshot', snapshot));
    if (this.#timer === undefined && !this.#closed) {
      this.#timer = setInterval(() => void this.#tick(), this.#intervalMs);
      this.#timer.unref();
    }
  }

  /** Marks dead letters as changed, so the next update carries them (after a replay or purge). */
  deadLettersChanged(): void {
    this.#views.recorder.deadLettersChanged = true;
  }

  /** Ends every stream and stops the timer. */
  close(): void {
    this.#closed = true;
    this.#stopTimer();
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #disconnect(response: ServerResponse): void {
    this.#clients.delete(response);
    if (this.#clients.size === 0) this.#stopTimer();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #snapshot() {
    const views = this.#views;
    const statuses = new EventStatusIndex(views.recorder);
    return {
      overview: views.overview(),
      subscriptions: views.subscriptions(),
      events: views.eventsSince(0, MAX_EVENTS_PER_UPDATE, statuses),
      failures: views.failuresSince(Math.max(0, views.recorder.failures.total - MAX_EVENTS_PER_UPDATE)),
      deadLetters: await views.deadLetters(),
    };
  }

  async #tick(): Promise<void> {
    if (this.#ticking || this.#clients.size === 0) return;
    this.#ticking = true;
    try {
      const views = this.#views;
      const { recorder } = views;
      const refreshDeadLetters =
        recorder.deadLettersChanged || ++this.#ticksSinceDeadLetters >= DEAD_LETTER_REFRESH_TICKS;
      recorder.deadLettersChanged = false;
      const statuses = new EventStatusIndex(recorder);
      const events = views.eventsSince(this.#nextEventSeq, MAX_EVENTS_PER_UPDATE, statuses);
      const failures = views.failuresSince(
        Math.max(this.#nextFailureSeq, recorder.failures.total - MAX_EVENTS_PER_UPDATE),
      );
      this.#nextEventSeq = recorder.events.total;
      this.#nextFailureSeq = recorder.failures.total;
      let deadLetters;
      if (refreshDeadLetters) {
        this.#ticksSinceDeadLetters = 0;
        deadLetters = await views.deadLetters();
      }
      const message = frame('update', {
        overview: views.overview(),
        subscriptions: views.subscriptions(),
        events,
        failures,
        ...(deadLetters === undefined ? {} : { deadLetters }),
      });
      for (const client of this.#clients) this.#send(client, message);
    } catch {
      // A sink that fails to list is retried on the next tick; the page keeps its last view.
      this.#views.recorder.deadLettersChanged = true;
    } finally {
      this.#ticking = false;
    }
  }

  #send(client: ServerResponse, message: string): void {
    if (client.writableLength > MAX_BUFFERED_BYTES) {
      client.destroy();
      return;
    }
    client.write(message);
  }
}

function frame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
