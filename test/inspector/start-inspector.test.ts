import { expect } from 'chai';
import sinon from 'sinon';
import {
  createEvent,
  type Event,
  InMemoryEventBus,
  InvalidOptionsError,
  runWithCorrelation,
  silentLogger,
} from '../../src/core/index.js';
import { type InspectorHandle, startInspector } from '../../src/inspector/index.js';
import { getJson, originOf, readEventStream, send } from './http-client.js';

interface EventsBody {
  readonly events: { id: string; type: string; status: string; preview: string; correlationId?: string }[];
  readonly total: number;
  readonly bufferSize: number;
}

interface DeadLettersBody {
  readonly total: number;
  readonly letters: {
    id: string;
    subscription: string;
    attempts: number;
    error: { name: string; message: string };
    event: { id: string; type: string };
    payloadText: string;
  }[];
}

describe('startInspector()', () => {
  let bus: InMemoryEventBus;
  let inspector: InspectorHandle | undefined;
  let base: string;
  let token: string;

  async function start(options: Parameters<typeof startInspector>[1] = {}): Promise<InspectorHandle> {
    inspector = await startInspector(bus, options);
    base = originOf(inspector.url);
    token = inspector.token ?? '';
    return inspector;
  }

  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

  /** A subscription whose handler fails until `healed` is set; its failures are dead-lettered at once. */
  function subscribeFlaky(): { calls: Event[]; heal(): void } {
    const calls: Event[] = [];
    let healed = false;
    bus.subscribe(
      'order.rejected',
      (event) => {
        calls.push(event);
        if (!healed) throw new Error('exchange said no');
      },
      { name: 'RiskDesk.onOrderRejected' },
    );
    return { calls, heal: () => (healed = true) };
  }

  beforeEach(() => {
    bus = new InMemoryEventBus({ logger: silentLogger });
    bus.start();
  });

  afterEach(async () => {
    await inspector?.close();
    inspector = undefined;
    await bus.stop();
  });

  describe('access', () => {
    it('listens on 127.0.0.1 and prints a URL that carries the token', async () => {
      const handle = await start();
      const url = new URL(handle.url);
      expect(url.hostname).to.equal('127.0.0.1');
      expect(url.port).to.equal(String(handle.port));
      expect(url.searchParams.get('token')).to.equal(handle.token);
      expect(handle.token).to.have.length.greaterThan(20);
    });

    it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
      const handle = await start();
      const first = await send(handle.url);
      expect(first.status).to.equal(303);
      expect(first.headers.location).to.equal('/');
      const cookie = first.headers['set-cookie']?.[0] ?? '';
      expect(cookie).to.include('HttpOnly').and.include('SameSite=Strict');
      const page = await send(`${base}/`, { headers: { cookie: cookie.split(';')[0] as string } });
      expect(page.status).to.equal(200);
      expect(page.headers['content-type']).to.include('text/html');
      expect(page.body).to.include('<script src="/assets/app.js"');
    });

    it('refuses every request without a valid token with 401', async () => {
      await start();
      for (const path of [
        '/',
        '/assets/app.js',
        '/api/overview',
        '/api/events',
        '/api/dead-letters',
        '/api/stream',
      ]) {
        expect((await send(`${base}${path}`)).status, path).to.equal(401);
        expect((await send(`${base}${path}?token=wrong`)).status, path).to.equal(401);
      }
      const badCookie = await send(`${base}/api/overview`, {
        headers: { cookie: `eventbus-inspector-${inspector?.port}=nope` },
      });
      expect(badCookie.status).to.equal(401);
    });

    it('refuses a foreign Host header with 403 even with the token (no DNS rebinding)', async () => {
      await start();
      const rebound = await send(`${base}/api/overview`, {
        headers: { ...auth(), host: 'attacker.example:80' },
      });
      expect(rebound.status).to.equal(403);
      expect(rebound.body).to.not.include('published');
      for (const host of [`localhost:${inspector?.port}`, `127.0.0.1:${inspector?.port}`]) {
        expect((await send(`${base}/api/overview`, { headers: { ...auth(), host } })).status, host).to.equal(
          200,
        );
      }
    });

    it('accepts the host names listed in allowedHosts', async () => {
      await start({ allowedHosts: ['Trader-Box.internal'] });
      const response = await send(`${base}/api/overview`, {
        headers: { ...auth(), host: 'trader-box.internal:8080' },
      });
      expect(response.status).to.equal(200);
    });

    it('sends a content security policy that forbids inline scripts, framing and caching', async () => {
      await start();
      const response = await send(`${base}/api/overview`, { headers: auth() });
      expect(response.headers['content-security-policy'])
        .to.include("script-src 'self'")
        .and.include("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).to.equal('nosniff');
      expect(response.headers['cache-control']).to.equal('no-store');
    });

    it('answers 405 to methods other than GET and POST', async () => {
      await start();
      for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD']) {
        expect((await send(`${base}/api/overview`, { method, headers: auth() })).status, method).to.equal(
          405,
        );
      }
    });

    it('serves without a token only when turned off explicitly on a loopback host', async () => {
      const handle = await start({ token: false });
      expect(handle.token).to.equal(undefined);
      expect(new URL(handle.url).search).to.equal('');
      expect((await send(`${base}/api/overview`)).status).to.equal(200);
    });

    it('refuses token: false on a non-loopback host', async () => {
      const error = await startInspector(bus, { host: '0.0.0.0', token: false }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(InvalidOptionsError).with.property('option', 'token');
    });

    it('rejects a port already in use with InvalidOptionsError and leaves no hooks behind', async () => {
      const first = await start();
      const instrument = sinon.spy(bus, 'instrument');
      const error = await startInspector(bus, { port: first.port }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(InvalidOptionsError).with.property('option', 'port');
      const hooks = instrument.firstCall.args[0];
      const published = sinon.spy(hooks, 'published');
      await bus.publish(createEvent('a.happened', {}));
      sinon.assert.notCalled(published);
    });

    it('rejects out-of-range options with InvalidOptionsError', async () => {
      for (const options of [
        { port: 70_000 },
        { eventBufferSize: 0 },
        { token: '' },
        { updateIntervalMs: 1.5 },
      ]) {
        const error = await startInspector(bus, options).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error, JSON.stringify(options)).to.be.instanceOf(InvalidOptionsError);
      }
    });
  });

  describe('JSON API', () => {
    it('reflects published events, bus counters and subscription stats', async () => {
      await start({ title: 'Quantum Trader' });
      bus.subscribe('trade.executed', async () => undefined, { name: 'SystemHealthMonitor.onTradeExecuted' });
      const trade = createEvent('trade.executed', { symbol: 'ETHUSDT', quantity: 2 });
      await bus.publish(trade);
      await bus.publish(createEvent('nobody.listens', {}));
      await bus.drain();

      const overview = await getJson<Record<string, unknown>>(base, token, '/api/overview');
      expect(overview).to.include({
        title: 'Quantum Trader',
        state: 'running',
        published: 2,
        delivered: 1,
        unhandled: 1,
      });
      expect(overview.maxQueueSize).to.equal(null);

      const { subscriptions } = await getJson<{ subscriptions: Record<string, unknown>[] }>(
        base,
        token,
        '/api/subscriptions',
      );
      expect(subscriptions).to.have.lengthOf(1);
      expect(subscriptions[0]).to.include({
        name: 'SystemHealthMonitor.onTradeExecuted',
        service: 'SystemHealthMonitor',
        method: 'onTradeExecuted',
        selector: 'trade.executed',
        delivered: 1,
        failed: 0,
        samples: 1,
      });
      expect(subscriptions[0]?.p50Ms).to.be.a('number');
      expect(subscriptions[0]?.p99Ms).to.be.a('number');

      const { events } = await getJson<EventsBody>(base, token, '/api/events');
      expect(events.map((event) => event.type)).to.deep.equal(['trade.executed', 'nobody.listens']);
      expect(events[0]).to.include({
        id: trade.id,
        status: 'ok',
        preview: '{"symbol":"ETHUSDT","quantity":2}',
      });
      expect(events[1]).to.include({ status: 'unhandled' });
    });

    it('uses describeSubscription to name where a handler lives', async () => {
      await start({ describeSubscription: (stats) => ({ service: `svc-${stats.id}` }) });
      const subscription = bus.subscribe('a.happened', () => undefined, { name: 'plain name' });
      const { subscriptions } = await getJson<{ subscriptions: Record<string, unknown>[] }>(
        base,
        token,
        '/api/subscriptions',
      );
      expect(subscriptions[0]).to.include({ service: `svc-${subscription.id}` });
    });

    it('filters events by type and by correlation id', async () => {
      await start();
      const root = createEvent('order.placed', { n: 1 });
      await runWithCorrelation('flow-7', async () => {
        await bus.publish(createEvent('order.placed', { n: 2 }));
        await bus.publish(createEvent('order.filled', { n: 3 }));
      });
      await bus.publish(root);
      const byType = await getJson<EventsBody>(base, token, '/api/events?type=order.placed');
      expect(byType.events.map((event) => event.preview)).to.deep.equal(['{"n":2}', '{"n":1}']);
      const byFlow = await getJson<EventsBody>(base, token, '/api/events?correlationId=flow-7');
      expect(byFlow.events.map((event) => event.preview)).to.deep.equal(['{"n":2}', '{"n":3}']);
      const rootFlow = await getJson<EventsBody>(base, token, `/api/events?correlationId=${root.id}`);
      expect(rootFlow.events.map((event) => event.id)).to.deep.equal([root.id]);
    });

    it('returns one event in full, its payload as JSON text', async () => {
      await start();
      const event = createEvent(
        'order.placed',
        { note: '<img src=x onerror=alert(1)>' },
        { headers: { tenant: 'qt' } },
      );
      await bus.publish(event);
      const detail = await getJson<Record<string, unknown>>(base, token, `/api/events/${event.id}`);
      expect(detail).to.include({ id: event.id, type: 'order.placed' });
      expect(detail.payloadText).to.equal('{\n  "note": "<img src=x onerror=alert(1)>"\n}');
      expect(detail.headers).to.deep.equal({ tenant: 'qt' });
      expect((await send(`${base}/api/events/missing`, { headers: auth() })).status).to.equal(404);
    });

    it('orders the causal tree of a correlation id by causation', async () => {
      await start();
      bus.subscribe('order.placed', async () => {
        await bus.publish(createEvent('order.filled', {}));
        await bus.publish(createEvent('risk.checked', {}));
      });
      bus.subscribe('order.filled', async () => {
        await bus.publish(createEvent('position.opened', {}));
      });
      const root = createEvent('order.placed', {});
      await bus.publish(root);
      await bus.drain();
      const tree = await getJson<{ nodes: { type: string; depth: number }[] }>(
        base,
        token,
        `/api/correlations/${root.id}`,
      );
      expect(tree.nodes.map((node) => [node.type, node.depth])).to.deep.equal([
        ['order.placed', 0],
        ['order.filled', 1],
        ['position.opened', 2],
        ['risk.checked', 1],
      ]);
    });

    it('lists dead letters with their error and attempts, failures highlighted on the event', async () => {
      await start();
      subscribeFlaky();
      const rejected = createEvent('order.rejected', { orderId: 'o-1' });
      await bus.publish(rejected);
      await bus.drain();
      const body = await getJson<DeadLettersBody>(base, token, '/api/dead-letters');
      expect(body.total).to.equal(1);
      expect(body.letters[0]).to.deep.include({
        subscription: 'RiskDesk.onOrderRejected',
        attempts: 1,
        error: body.letters[0]?.error,
        event: { id: rejected.id, type: 'order.rejected', timestamp: rejected.timestamp.toISOString() },
      });
      expect(body.letters[0]?.error).to.include({ name: 'Error', message: 'exchange said no' });
      const { events } = await getJson<EventsBody>(base, token, '/api/events');
      expect(events[0]).to.include({ id: rejected.id, status: 'dead-lettered' });
    });
  });

  describe('redact', () => {
    const hideSecret = (event: Event): Event => ({
      ...event,
      payload: { ...(event.payload as object), apiKey: '***' },
    });

    it('hides fields in lists, details, dead letters and live updates', async () => {
      await start({ redact: hideSecret });
      subscribeFlaky();
      const event = createEvent('order.rejected', { orderId: 'o-1', apiKey: 'sk-live-123' });
      const stream = readEventStream(`${base}/api/stream`, auth(), (text) => text.includes('o-1'));
      await bus.publish(event);
      await bus.drain();
      const bodies = [
        (await send(`${base}/api/events`, { headers: auth() })).body,
        (await send(`${base}/api/events/${event.id}`, { headers: auth() })).body,
        (await send(`${base}/api/dead-letters`, { headers: auth() })).body,
        (await send(`${base}/api/correlations/${event.id}`, { headers: auth() })).body,
        await stream,
      ];
      for (const body of bodies) {
        expect(body).to.include('o-1');
        expect(body).to.not.include('sk-live-123');
      }
    });

    it('withholds the payload when redact throws, and delivery goes on', async () => {
      await start({
        redact: () => {
          throw new Error('redactor bug');
        },
      });
      const seen: unknown[] = [];
      bus.subscribe('order.placed', (event) => void seen.push(event.payload));
      await bus.publish(createEvent('order.placed', { apiKey: 'sk-live-123' }));
      await bus.drain();
      const body = (await send(`${base}/api/events`, { headers: auth() })).body;
      expect(body).to.not.include('sk-live-123');
      expect(body).to.include('withheld');
      expect(seen).to.deep.equal([{ apiKey: 'sk-live-123' }]);
    });
  });

  describe('actions', () => {
    async function aDeadLetter(): Promise<{ id: string; flaky: ReturnType<typeof subscribeFlaky> }> {
      const flaky = subscribeFlaky();
      await bus.publish(createEvent('order.rejected', { orderId: 'o-9' }));
      await bus.drain();
      const [letter] = await bus.listDeadLetters();
      return { id: letter?.id as string, flaky };
    }

    it('replays a dead letter with the token: the handler receives the event again', async () => {
      await start();
      const { id, flaky } = await aDeadLetter();
      flaky.heal();
      const response = await send(`${base}/api/dead-letters/${id}/replay`, {
        method: 'POST',
        headers: auth(),
      });
      expect(response.status).to.equal(202);
      await bus.drain();
      expect(flaky.calls).to.have.lengthOf(2);
      expect(flaky.calls[1]?.payload).to.deep.equal({ orderId: 'o-9' });
      expect(await bus.listDeadLetters()).to.deep.equal([]);
    });

    it('changes nothing when a replay comes without the token', async () => {
      await start();
      const { id, flaky } = await aDeadLetter();
      flaky.heal();
      for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
        const response = await send(`${base}/api/dead-letters/${id}/replay`, { method: 'POST', headers });
        expect(response.status).to.equal(401);
      }
      await bus.drain();
      expect(flaky.calls).to.have.lengthOf(1);
      expect((await bus.listDeadLetters()).map((letter) => letter.id)).to.deep.equal([id]);
    });

    it('refuses a cross-origin replay or purge with 403 and keeps the letter', async () => {
      await start();
      const { id, flaky } = await aDeadLetter();
      flaky.heal();
      const attempts: Record<string, string>[] = [
        { origin: 'http://attacker.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of attempts) {
        for (const action of ['replay', 'purge']) {
          const response = await send(`${base}/api/dead-letters/${id}/${action}`, {
            method: 'POST',
            headers: { ...auth(), ...headers },
          });
          expect(response.status, JSON.stringify(headers)).to.equal(403);
        }
      }
      await bus.drain();
      expect(flaky.calls).to.have.lengthOf(1);
      expect((await bus.listDeadLetters()).map((letter) => letter.id)).to.deep.equal([id]);
    });

    it('accepts an action from the page itself (same Origin, Sec-Fetch-Site same-origin)', async () => {
      await start();
      const { id } = await aDeadLetter();
      const response = await send(`${base}/api/dead-letters/${id}/purge`, {
        method: 'POST',
        headers: { ...auth(), origin: base, 'sec-fetch-site': 'same-origin' },
      });
      expect(response.status).to.equal(200);
    });

    it('purges a dead letter only by POST', async () => {
      await start();
      const { id, flaky } = await aDeadLetter();
      expect((await send(`${base}/api/dead-letters/${id}/purge`, { headers: auth() })).status).to.equal(404);
      expect(await bus.listDeadLetters()).to.have.lengthOf(1);
      const purged = await send(`${base}/api/dead-letters/${id}/purge`, { method: 'POST', headers: auth() });
      expect(purged.status).to.equal(200);
      expect(await bus.listDeadLetters()).to.deep.equal([]);
      expect(flaky.calls).to.have.lengthOf(1);
      const again = await send(`${base}/api/dead-letters/${id}/purge`, { method: 'POST', headers: auth() });
      expect(again.status).to.equal(404);
    });

    it('answers 404 with the error code for a letter that does not exist', async () => {
      await start();
      const response = await send(`${base}/api/dead-letters/nope/replay`, {
        method: 'POST',
        headers: auth(),
      });
      expect(response.status).to.equal(404);
      expect(JSON.parse(response.body)).to.include({ error: 'EBUS_UNKNOWN_DEAD_LETTER' });
    });
  });

  describe('live updates', () => {
    it('pushes a snapshot, then each published event, over Server-Sent Events', async () => {
      await start({ updateIntervalMs: 20 });
      const event = createEvent('policy.updated', { riskMode: 'DEFENSIVE' });
      let published = false;
      const text = await readEventStream(`${base}/api/stream`, auth(), (received) => {
        if (!published && received.includes('event: snapshot')) {
          published = true;
          void bus.publish(event);
        }
        return received.includes('event: update') && received.includes(event.id);
      });
      expect(text).to.match(/^retry: \d+/);
      expect(text).to.include('event: snapshot');
      expect(text).to.include('event: update');
      expect(text).to.include('DEFENSIVE');
    });
  });

  describe('bounded memory', () => {
    it('never holds more than eventBufferSize events under 100,000 events', async function () {
      this.timeout(60_000);
      // Recording every event: the ring buffer itself must bound memory.
      await start({ eventBufferSize: 500, recordPerSecond: 100_000_000 });
      let delivered = 0;
      bus.subscribe('tick.happened', () => void (delivered += 1));
      for (let batch = 0; batch < 10; batch++) {
        for (let index = 0; index < 10_000; index++)
          void bus.publish(createEvent('tick.happened', { index }));
        await bus.drain();
        const body = await getJson<EventsBody>(base, token, '/api/events');
        expect(body.events.length).to.be.at.most(500);
        expect(body.bufferSize).to.equal(500);
      }
      const body = await getJson<EventsBody>(base, token, '/api/events');
      expect(body.total).to.equal(100_000);
      expect(body.events).to.have.lengthOf(500);
      expect(body.events.at(-1)?.preview).to.equal('{"index":9999}');
      expect(delivered).to.equal(100_000);
    });

    it('above recordPerSecond keeps a sample of the events, in order, and still counts them all', async () => {
      await start({ eventBufferSize: 500, recordPerSecond: 1000 });
      let delivered = 0;
      bus.subscribe('tick.happened', () => void (delivered += 1));
      // 20,000 events inside one tick of the recorder's clock: 200 times its per-tick budget of 100.
      for (let n = 0; n < 20_000; n++) void bus.publish(createEvent('tick.happened', { n }));
      await bus.drain();
      const body = await getJson<EventsBody>(base, token, '/api/events');
      // The first 100 in full, then ever sparser as the count grows: about 100 * (1 + ln 200).
      expect(body.total).to.be.above(100).and.below(1_000);
      expect(body.events).to.have.lengthOf(Math.min(body.total, 500));
      const numbers = body.events.map((event) => (JSON.parse(event.preview) as { n: number }).n);
      expect(numbers.every((n, index) => index === 0 || n > (numbers[index - 1] as number))).to.equal(true);
      const overview = await getJson<{ published: number }>(base, token, '/api/overview');
      expect(overview.published).to.equal(20_000);
      expect(delivered).to.equal(20_000);
    });
  });

  describe('delivery', () => {
    it('changes nothing about delivery: same events, same order, same failures as without it', async () => {
      const runDay = async (target: InMemoryEventBus): Promise<string[]> => {
        const log: string[] = [];
        target.subscribe('order.*', (event) => {
          const { n } = event.payload as { n: number };
          if (n % 7 === 0) throw new Error(`bad ${n}`);
          log.push(`${event.type}:${n}`);
        });
        for (let n = 0; n < 200; n++)
          await target.publish(createEvent(n % 2 ? 'order.placed' : 'order.filled', { n }));
        await target.drain();
        log.push(`dead:${(await target.listDeadLetters()).length}`);
        return log;
      };
      const plain = new InMemoryEventBus({ logger: silentLogger });
      plain.start();
      const expected = await runDay(plain);
      await plain.stop();
      await start();
      expect(await runDay(bus)).to.deep.equal(expected);
    });

    it('removes its hooks and stops serving on close(); closing twice is harmless', async () => {
      const instrument = sinon.spy(bus, 'instrument');
      const handle = await start();
      const hooks = instrument.firstCall.args[0];
      const published = sinon.spy(hooks, 'published');
      await handle.close();
      await handle.close();
      const error = await send(`${base}/api/overview`, { headers: auth() }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(Error).with.property('code', 'ECONNREFUSED');
      bus.subscribe('a.happened', () => undefined);
      await bus.publish(createEvent('a.happened', {}));
      await bus.drain();
      expect(bus.stats().delivered).to.equal(1);
      sinon.assert.notCalled(published);
    });
  });
});
