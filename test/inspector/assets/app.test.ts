// The inspector page in a real headless Chromium (Debian's `chromium`, driven by playwright-core; no
// browser download). Skipped, loudly, when no Chromium can be found.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { InMemoryEventBus, silentLogger } from '../../../src/core/index.js';
import { type InspectorHandle, startInspector } from '../../../src/inspector/index.js';
import {
  HealthStatusChangedEvent,
  type QuantumTraderEvents,
  TradeExecutedEvent,
} from '../../../src/quantum-trader/index.js';
import { publishMarketActivity, subscribeQuantumTrader } from '../quantum-trader-day.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const LIVE_TIMEOUT_MS = 5000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `CHROMIUM_PATH`, else /usr/bin/chromium, else whatever `which` finds. */
function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      candidates.push(execFileSync('which', [name], { encoding: 'utf8' }).trim());
    } catch {
      // Not on PATH.
    }
  }
  return candidates.find((path): path is string => path !== undefined && path !== '' && isExecutable(path));
}

declare global {
  interface Window {
    __inspectorXss?: boolean;
  }
}

describe('inspector page (headless Chromium)', function () {
  this.timeout(60_000);
  const executablePath = findChromium();
  let browser: Browser | undefined;
  let bus: InMemoryEventBus<QuantumTraderEvents>;
  let inspector: InspectorHandle;
  let page: Page;
  let consoleErrors: string[];

  before(async function () {
    if (executablePath === undefined) {
      console.warn(
        '\n  !!! SKIPPING the inspector browser tests: no Chromium found (set CHROMIUM_PATH, or install ' +
          "Debian's chromium package). CI must have it. !!!\n",
      );
      this.skip();
    }
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(options: Parameters<typeof startInspector>[1] = {}): Promise<void> {
    inspector = await startInspector(bus, { updateIntervalMs: 100, ...options });
    page = await (browser as Browser).newPage({ viewport: { width: 1440, height: 1000 } });
    consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(inspector.url);
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }

  beforeEach(() => {
    bus = new InMemoryEventBus<QuantumTraderEvents>({ logger: silentLogger });
    bus.start();
  });

  afterEach(async () => {
    await page?.close();
    await inspector?.close();
    await bus.stop();
  });

  it('loads with no console errors, the token traded for a cookie', async () => {
    await open({ title: 'Quantum Trader' });
    expect(page.url()).to.not.include('token=');
    expect(await page.locator('#title').textContent()).to.equal('Quantum Trader');
    expect(await page.locator('#bus-state').textContent()).to.equal('running');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('shows a published event live, without a reload', async () => {
    await open();
    let navigations = 0;
    page.on('framenavigated', () => (navigations += 1));
    bus.subscribe('trade.executed', () => undefined, { name: 'SystemHealthMonitor.onTradeExecuted' });
    const trade = new TradeExecutedEvent({
      orderId: 'ord-live-1',
      symbol: 'SOLUSDT',
      side: 'BUY',
      quantity: 3,
      price: 212.5,
    });
    await bus.publish(trade);
    const row = page.locator(`#events tr[data-event-id="${trade.id}"]`);
    await row.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await row.textContent())
      .to.include('trade.executed')
      .and.include('ord-live-1');
    await page
      .locator('#subscriptions td', { hasText: 'SystemHealthMonitor' })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(navigations).to.equal(0);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('renders a payload containing markup as text, and runs nothing', async () => {
    await open();
    const markup = '<img src=x onerror="window.__inspectorXss=true">';
    const script = '<script>window.__inspectorXss=true</script>';
    // Strings from outside (an exchange, a user) end up in payloads.
    const event = new TradeExecutedEvent({
      orderId: markup,
      symbol: script,
      side: 'SELL',
      quantity: 1,
      price: 1,
    });
    await bus.publish(event);
    const row = page.locator(`#events tr[data-event-id="${event.id}"]`);
    await row.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await row.locator('td.time').click();
    const payload = page.locator('#payload-text');
    await payload.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await payload.textContent())
      .to.include(markup.replace(/"/g, '\\"'))
      .and.include(script);
    expect(await row.locator('.preview').textContent()).to.include('<img src=x onerror=');
    expect(await page.locator('img[src="x"]').count()).to.equal(0);
    expect(await page.locator('#events script, #event-detail script').count()).to.equal(0);
    expect(await page.evaluate(() => window.__inspectorXss)).to.equal(undefined);
  });

  it('redelivers a dead letter with the Replay button and updates the list', async () => {
    await open();
    const calls: string[] = [];
    let healed = false;
    bus.subscribe(
      'health.status_changed',
      (event) => {
        calls.push(event.id);
        if (!healed) throw new Error('Discord webhook answered 502 Bad Gateway');
      },
      { name: 'DiscordNotifier.onHealthStatusChanged' },
    );
    await bus.publish(
      new HealthStatusChangedEvent({
        status: 'DEGRADED',
        previousStatus: 'HEALTHY',
        reasons: ['exchange latency 1800 ms > 1000 ms'],
      }),
    );
    await bus.drain();
    const letter = page.locator('#dead-letters .letter');
    await letter.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await letter.textContent())
      .to.include('502 Bad Gateway')
      .and.include('DiscordNotifier');
    healed = true;
    await letter.locator('button[data-action="replay"]').click();
    await letter.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await bus.drain();
    expect(calls).to.have.lengthOf(2);
    expect(calls[1]).to.equal(calls[0]);
    expect(await bus.listDeadLetters()).to.deep.equal([]);
    await page.locator('#dead-count', { hasText: '0' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(consoleErrors).to.deep.equal([]);
  });

  it('watches a Quantum Trader day and saves a screenshot', async function () {
    const seconds = Number(process.env.INSPECTOR_DAY_SECONDS ?? 3);
    this.timeout(60_000 + seconds * 2000);
    subscribeQuantumTrader(bus);
    await open({
      title: 'Quantum Trader · EventBus Inspector',
      rateWindowSeconds: 60,
      updateIntervalMs: 250,
    });
    for (let second = 0; second < seconds; second++) {
      const perSecond = 20 + Math.round(25 * (1 + Math.sin(second / 4)));
      for (let quarter = 0; quarter < 4; quarter++) {
        await publishMarketActivity(bus, Math.round(perSecond / 4), second * 10 + quarter);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    await bus.publish(
      new HealthStatusChangedEvent({
        status: 'CRITICAL',
        previousStatus: 'DEGRADED',
        reasons: ['exchange latency 2400 ms > 1000 ms', 'order reject rate 4.1% > 2%'],
      }),
    );
    await publishMarketActivity(bus, 4, 99);
    await bus.drain();
    await page.locator('#dead-letters .letter').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.locator('#events tr.status-dead-lettered').first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.locator('#events tr', { hasText: 'strategy.promoted' }).first().locator('td.time').click();
    await page.locator('#causal-tree .tree-node').nth(2).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await page.locator('.events-wrap').evaluate((element) => element.scrollTo(0, 0));
    const path = process.env.INSPECTOR_SCREENSHOT ?? join(tmpdir(), 'eventbus-inspector.png');
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true });
    console.log(`    screenshot saved to ${path}`);
    expect(consoleErrors).to.deep.equal([]);
  });
});
