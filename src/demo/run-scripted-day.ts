import type { BusEvent, Event, StopReport } from '../core/index.js';
import { bootstrapEventBus } from '../inversify/index.js';
import {
  createQuantumTraderContainer,
  type DiscordMessage,
  FakeDiscordClient,
  QT_TYPES,
  type QuantumTraderEvents,
} from '../quantum-trader/index.js';
import { createDemoBus } from './create-demo-bus.js';
import { describeEvent } from './describe-event.js';
import type { DemoOptions } from './parse-demo-args.js';
import { renderTimeline } from './render-timeline.js';
import { SCRIPTED_DAY, type ScriptStep } from './scripted-day.js';
import { Timeline } from './timeline.js';
import { TimelineDiscordClient } from './timeline-discord-client.js';
import { createTimelineLogger } from './timeline-logger.js';

/** What the scripted day produced. */
export interface ScriptedDayResult {
  /** The printout: title, timeline and summary. */
  readonly lines: readonly string[];
  /** Every event published, in order. */
  readonly events: readonly BusEvent<QuantumTraderEvents>[];
  readonly discordMessages: readonly DiscordMessage[];
  readonly stopReport: StopReport;
}

const PUBLISHER_NAMES: Readonly<Record<string, string>> = {
  MetaStrategyController: 'MSC AI',
  SystemHealthMonitor: 'System Health Monitor',
};

function publisherOf(subscription: string): string {
  const service = subscription.split('.')[0] ?? subscription;
  return PUBLISHER_NAMES[service] ?? service;
}

/**
 * Builds Quantum Trader's container, scans it and starts the bus, plays `steps` (each one drained
 * before the next, so the timeline reads in order), then stops the bus gracefully.
 */
export async function runScriptedDay(
  options: DemoOptions = {},
  steps: readonly ScriptStep[] = SCRIPTED_DAY,
  stderr: (line: string) => void = (line) => console.error(line),
): Promise<ScriptedDayResult> {
  const timeline = new Timeline(publisherOf);
  const logger = createTimelineLogger(timeline, stderr);
  const discord = new FakeDiscordClient();
  const container = createQuantumTraderContainer({
    logger,
    discordClient: new TimelineDiscordClient(discord, timeline),
    createEventBus: () => createDemoBus(options, logger),
  });
  const bus = container.get(QT_TYPES.EventBus);
  using _instrumentation = bus.instrument(timeline.instrumentation());
  const app = await bootstrapEventBus(container);
  for (const step of steps) {
    await timeline.step(step.at, step.actor, () => step.run(container, bus));
    await bus.drain();
  }
  const stopReport = await app.stop();
  const describe = (event: Event) => describeEvent(event as BusEvent<QuantumTraderEvents>);
  const lines = [
    'Quantum Trader: a scripted trading day',
    '',
    ...renderTimeline(timeline.roots, describe),
    '',
    `Bus stopped gracefully: ${stopReport.published} events published, ${stopReport.delivered} delivered, ` +
      `${stopReport.undelivered.length} undelivered${stopReport.timedOut ? ' (timed out)' : ''}.`,
    `Discord alerts sent: ${discord.messages.length}.`,
  ];
  return {
    lines,
    events: timeline.events as readonly BusEvent<QuantumTraderEvents>[],
    discordMessages: discord.messages,
    stopReport,
  };
}
