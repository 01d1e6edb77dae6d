import { expect } from 'chai';
import fc from 'fast-check';
import { createEvent, InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { selectorMatches, compileSelector } from '../../../src/core/selectors/compile-selector.js';

const TYPES = ['order.placed', 'order.filled', 'health.cpu.high', 'health.status_changed'] as const;
const SELECTORS = [...TYPES, 'order.*', 'health.**', '**', '*.filled'] as const;
type HandlerKind = 'sync' | 'async' | 'throws' | 'rejects' | 'async-throws-late';

describe('InMemoryEventBus (property)', () => {
  it('delivers to each subscription exactly its matching events, once each, in publish order, whatever its handlers do', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            selector: fc.constantFrom(...SELECTORS),
            kind: fc.constantFrom<HandlerKind>('sync', 'async', 'throws', 'rejects', 'async-throws-late'),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.constantFrom(...TYPES), { maxLength: 40 }),
        fc.boolean(),
        async (subscriptions, publishes, startFirst) => {
          const bus = new InMemoryEventBus({ logger: silentLogger });
          const received = subscriptions.map(() => [] as string[]);
          subscriptions.forEach(({ selector, kind }, index) => {
            bus.subscribe(selector, (event) => {
              received[index]!.push(event.id);
              switch (kind) {
                case 'sync':
                  return undefined;
                case 'async':
                  return new Promise<void>((resolve) => setImmediate(resolve));
                case 'throws':
                  throw new Error('sync failure');
                case 'rejects':
                  return Promise.reject(new Error('async failure'));
                case 'async-throws-late':
                  return new Promise<void>((_resolve, reject) =>
                    setImmediate(() => reject(new Error('late failure'))),
                  );
              }
            });
          });
          if (startFirst) bus.start();
          const published: { id: string; type: string }[] = [];
          for (const type of publishes) {
            const event = createEvent(type, { n: published.length });
            published.push(event);
            await bus.publish(event);
          }
          if (!startFirst) bus.start();
          await bus.drain();
          subscriptions.forEach(({ selector }, index) => {
            const compiled = compileSelector(selector);
            const expected = published
              .filter((event) => selectorMatches(compiled, event.type))
              .map((event) => event.id);
            expect(received[index]).to.deep.equal(expected);
          });
          const after = createEvent('order.placed', {});
          await bus.publish(after);
          await bus.drain();
          const report = await bus.stop();
          expect(report.undelivered).to.deep.equal([]);
          expect(report.delivered).to.equal(published.length + 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
