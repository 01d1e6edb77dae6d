// Compile-time checks of ./inversify's typed decorators and tokens; `npm run typecheck` compiles
// this file, and each `@ts-expect-error` fails the build if the misuse beneath it starts compiling.
import { expect } from 'chai';
import { Container } from 'inversify';
import type { DeliveryContext, Event, EventBus } from '../../src/core/index.js';
import { createOnEvent, OnEvent, TYPES } from '../../src/inversify/index.js';
import {
  HealthStatusChangedEvent,
  PolicyUpdatedEvent,
  type QuantumTraderEvents,
  StrategyPromotedEvent,
} from '../../src/quantum-trader/index.js';

const OnQuantumEvent = createOnEvent<QuantumTraderEvents>();

class WellTypedHandlers {
  @OnQuantumEvent('health.status_changed')
  onHealth(event: HealthStatusChangedEvent): void {
    void event.payload.status;
  }

  @OnQuantumEvent('policy.updated')
  async onPolicy(event: Event<'policy.updated', QuantumTraderEvents['policy.updated']>): Promise<void> {
    await Promise.resolve(event.payload.riskMode);
  }

  @OnQuantumEvent('policy.updated')
  returnsAnything(event: PolicyUpdatedEvent, context: DeliveryContext): number {
    return event.payload.version + context.attempt;
  }

  @OnQuantumEvent(StrategyPromotedEvent)
  onPromotion(event: StrategyPromotedEvent): string {
    return event.payload.strategyName;
  }

  @OnQuantumEvent('health.*')
  onAnyHealth(event: HealthStatusChangedEvent): void {
    void event;
  }

  @OnQuantumEvent('**')
  onEverything(event: Event): void {
    void event;
  }

  @OnQuantumEvent('trade.executed', { filter: (event) => event.payload.quantity > 0 })
  @OnQuantumEvent('model.promoted')
  stacked(event: Event): void {
    void event;
  }

  @OnQuantumEvent('strategy.promoted')
  takesNothing(): void {}
}

// Never called: the misuses below are for the compiler; at run time, @OnEvent on a property throws.
function defineMisuses() {
  class Misuses {
    // @ts-expect-error a handler for the wrong event: health.status_changed does not give a PolicyUpdatedEvent
    @OnQuantumEvent('health.status_changed')
    wrongEvent(event: PolicyUpdatedEvent): void {
      void event;
    }

    // @ts-expect-error a misspelt event type
    @OnQuantumEvent('health.status_chnaged')
    misspelt(event: HealthStatusChangedEvent): void {
      void event;
    }

    // @ts-expect-error an event class selector with a mismatched parameter
    @OnQuantumEvent(PolicyUpdatedEvent)
    classMismatch(event: HealthStatusChangedEvent): void {
      void event;
    }

    // @ts-expect-error the payload type is checked too
    @OnQuantumEvent('trade.executed')
    wrongPayload(event: Event<'trade.executed', { symbol: number }>): void {
      void event;
    }

    @OnQuantumEvent('trade.executed', {
      // @ts-expect-error options are typed by the selected event
      filter: (event) => event.payload.riskMode === 'DEFENSIVE',
    })
    typedOptions(event: Event): void {
      void event;
    }

    // @ts-expect-error a typed decorator does not go on a property
    @OnQuantumEvent('trade.executed')
    notAMethod = 1;
  }
  return Misuses;
}

class Untyped {
  @OnEvent('anything.at_all')
  acceptsAnyParameter(event: PolicyUpdatedEvent): void {
    void event;
  }

  @OnEvent('policy.*', { name: 'audit' })
  async asyncUntyped(event: Event): Promise<number> {
    return Promise.resolve(event.type.length);
  }
}

const container = new Container();
const bus: EventBus = container.get(TYPES.EventBus, { optional: true }) ?? ({} as EventBus);

describe('inversify types', () => {
  it('compiles the typed and untyped decorators (checked by tsc)', () => {
    expect([WellTypedHandlers, defineMisuses, Untyped, bus]).to.have.lengthOf(4);
  });
});
