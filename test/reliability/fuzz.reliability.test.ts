import { expect } from 'chai';
import fc from 'fast-check';
import {
  EventBusError,
  InMemoryEventBus,
  InvalidEventError,
  InvalidSubscriptionError,
  silentLogger,
} from '../../src/core/index.js';

const anyValue = fc.oneof(
  fc.anything(),
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.anything()),
      type: fc.oneof(
        fc.constantFrom('a.b', 'policy.updated', '', 'a.*', 'a..b', '**'),
        fc.string(),
        fc.anything(),
      ),
      timestamp: fc.oneof(fc.date({ noInvalidDate: false }), fc.anything()),
      payload: fc.anything(),
      correlationId: fc.anything(),
      headers: fc.oneof(fc.dictionary(fc.string(), fc.string()), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);

describe('reliability: fuzzed input', function () {
  this.timeout(60_000);

  it('answers any value given to publish() with acceptance or InvalidEventError, and keeps what it accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyValue, { maxLength: 20 }), async (values) => {
        const bus = new InMemoryEventBus({ logger: silentLogger });
        let received = 0;
        bus.subscribe('**', () => {
          received += 1;
        });
        bus.start();
        let accepted = 0;
        for (const value of values) {
          try {
            await bus.publish(value as never);
            accepted += 1;
          } catch (error) {
            expect(error).to.be.instanceOf(InvalidEventError);
          }
        }
        await bus.drain();
        expect(received).to.equal(accepted);
        expect((await bus.stop()).delivered).to.equal(accepted);
      }),
      { numRuns: 300 },
    );
  });

  it('answers any selector, handler and options given to subscribe() with a subscription or InvalidSubscriptionError', () => {
    const options = fc.oneof(
      fc.anything(),
      fc.record(
        {
          name: fc.anything(),
          retry: fc.oneof(
            fc.integer(),
            fc.record({ attempts: fc.anything(), initialDelayMs: fc.anything(), jitter: fc.anything() }),
            fc.anything(),
          ),
          timeoutMs: fc.anything(),
          concurrency: fc.anything(),
          orderingKey: fc.anything(),
          filter: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.anything(), fc.constantFrom('a.*', '**', 'a.**.b')),
        fc.oneof(fc.func(fc.anything()), fc.anything()),
        options,
        (selector, handler, subscribeOptions) => {
          const bus = new InMemoryEventBus({ logger: silentLogger });
          try {
            const subscription = bus.subscribe(
              selector as never,
              handler as never,
              subscribeOptions as never,
            );
            expect(subscription.id).to.be.a('string');
          } catch (error) {
            expect(error).to.be.instanceOf(InvalidSubscriptionError);
            expect(EventBusError.is(error)).to.equal(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
