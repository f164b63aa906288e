import { mkdirSync, statSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { statusKeyOf } from '@saga/orders/src/adapters/buildSagaStateRepository';
import { refusedPort } from '@saga/shared/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startExplorer } from '../explorer/explorerServer';
import { findChromium } from '../scripts/lib/findChromium';
import { createFixtures, type Fixtures } from './support/fixtures';

const artifacts = path.resolve(__dirname, 'artifacts');
const portOf = (server: Server) => (server.address() as AddressInfo).port;
const close = (server: Server | undefined) =>
  new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));

const MARKUP = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

/** The saga explorer in a real headless Chromium, against the deployed stacks. */
// Page waits are long: every refresh queries each shard of the status index (the list; the counts, shared
// by the pages, at most every five seconds), which on LocalStack under the whole suite takes tens of seconds.
describe('saga explorer page', () => {
  let fx: Fixtures;
  let server: Server;
  let downServer: Server;
  let downPort: number;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    fx = await createFixtures();
    server = await startExplorer({ port: 0 });
    base = `http://127.0.0.1:${portOf(server)}`;
    // A second explorer reading an emulator that is not there; the shared one keeps running.
    downPort = await refusedPort();
    downServer = await startExplorer({ port: 0, emulatorEndpoint: `http://127.0.0.1:${downPort}` });
    const { executablePath, source } = findChromium();
    console.log(`explorer test: chromium from ${source}: ${executablePath}`);
    browser = await chromium.launch({
      executablePath,
      // No network beyond loopback here: keep Chromium from phoning home. Every launch gets a fresh profile.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await close(server);
    await close(downServer);
    await fx?.cleanup();
  });

  // The page must work under its own CSP: any violation Chromium reports fails the test.
  const cspViolations: string[] = [];
  // Each open page keeps refreshing (every shard of the status index): close them after each test.
  const opened: Page[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close()));
    expect(cspViolations).toEqual([]);
  });
  const open = async (url: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    opened.push(page);
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    await page.goto(url);
    return page;
  };
  // A page no longer looked at is closed at once: its refreshes load the emulator the other suites share.
  const closePage = async (page: Page) => {
    opened.splice(opened.indexOf(page), 1);
    await page.close();
  };
  const screenshot = async (page: Page, name: string) => {
    const file = path.join(artifacts, `explorer-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  };

  it('places an order from the page and shows it live until COMPLETED: customer, lines, total, sagaId, waterfall', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 2500, stock: 3 });
    const customerId = await fx.seedAccount(100_000);
    const page = await open(`${base}/`);
    await page.fill('input[name=customerId]', customerId);
    await page.fill('input[name=productId]', productId);
    await page.fill('input[name=quantity]', '2');
    await page.click('#order-form button[type=submit]');

    const detail = page.locator('#detail p[data-order-id]');
    await detail.waitFor({ timeout: 120_000 });
    const orderId = String(await detail.getAttribute('data-order-id'));
    const sagaId = String((await fx.api.getOrder(orderId)).body.sagaId);
    fx.trackOrder(orderId, sagaId);
    expect(page.url()).toBe(`${base}/#/orders/${orderId}`);

    // The page refreshes itself while the saga is in flight: no reload here.
    await page
      .locator(`#detail p[data-order-id="${orderId}"][data-status="COMPLETED"]`)
      .waitFor({ timeout: 240_000 });
    expect(await page.textContent('#detail .saga-id')).toBe(sagaId);
    expect(await page.textContent('#detail .customer')).toBe(customerId);
    expect(await page.textContent('#detail .total')).toBe('50.00 USD');
    expect(await page.textContent('#detail table.lines tbody')).toContain(productId);
    // The saga may complete before its inventory step is recorded (replies are not ordered): the
    // page refreshes until it is.
    await page
      .locator('svg.waterfall g.step[data-step="inventoryReservation"]')
      .waitFor({ timeout: 240_000 });
    const bars = page.locator('svg.waterfall g.step');
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-step')))).toEqual([
      'created',
      'inventoryReservation',
      'paymentProcessing',
      'confirmation',
    ]);
    const timing = await bars.evaluateAll((gs) =>
      gs.map((g) => [Number(g.getAttribute('data-start-ms')), Number(g.getAttribute('data-duration-ms'))]),
    );
    // Bars follow each other on one axis: each starts where the previous one ended.
    timing.slice(1).forEach(([start], i) => {
      const [prevStart = 0, prevDuration = 0] = timing[i] ?? [];
      expect(start).toBe(prevStart + prevDuration);
    });
    // The saga is listed: found by its orderId (suites side by side end sagas every second, so the
    // recent list's first page may already have moved past it). A list refresh queries every shard.
    await page.fill('#search', orderId);
    await page.click('#search-form button[type=submit]');
    await page.locator(`#sagas tr.saga[data-order-id="${orderId}"]`).waitFor({ timeout: 120_000 });
    await screenshot(page, 'completed');
    await closePage(page);

    // Deep link in a fresh tab, then search by sagaId from the list view, and back/forward.
    const linked = await open(`${base}/#/orders/${encodeURIComponent(orderId)}`);
    await linked.locator(`#detail p[data-order-id="${orderId}"]`).waitFor({ timeout: 120_000 });
    await linked.click('h1 a');
    await linked.locator('#detail p.muted').waitFor({ timeout: 5_000 });
    await linked.fill('#search', sagaId);
    await linked.click('#search-form button[type=submit]');
    await linked.locator('#list-title', { hasText: 'Search results' }).waitFor({ timeout: 120_000 });
    expect(await linked.textContent('#list-title')).toBe(`Search results for “${sagaId}”: 1`);
    expect(await linked.locator('#sagas tr.saga').getAttribute('data-order-id')).toBe(orderId);
    await linked.locator(`#detail p[data-order-id="${orderId}"]`).waitFor({ timeout: 120_000 });
    await linked.goBack();
    await linked.locator('#detail p.muted').waitFor({ timeout: 5_000 });
    expect(linked.url()).toBe(`${base}/#/`);
    await linked.goForward();
    await linked.locator(`#detail p[data-order-id="${orderId}"]`).waitFor({ timeout: 120_000 });
    await screenshot(linked, 'search');
  });

  it('pages past 25 rows through the status index, every row once', async () => {
    const sagaIds = Array.from({ length: 30 }, (_, i) => `saga-page-${fx.unique('p')}-${i}`);
    const base0 = Date.now();
    // Rows written straight to the saga table: paging needs rows, not real sagas.
    await Promise.all(
      sagaIds.map((sagaId, i) => {
        const orderId = `ord-${sagaId}`;
        fx.trackOrder(orderId, sagaId);
        const at = new Date(base0 - i * 1000).toISOString();
        return fx.dynamo.send(
          new PutItemCommand({
            TableName: fx.deployment.tables.sagaStates,
            Item: marshall({
              sagaId,
              orderId,
              status: 'COMPENSATION_FAILED',
              statusKey: statusKeyOf('COMPENSATION_FAILED', sagaId),
              currentStep: 'COMPENSATING',
              compensationRequired: true,
              compensationReason: 'paging fixture',
              steps: { created: { status: 'SUCCESS', timestamp: at } },
              createdAt: at,
              updatedAt: at,
              version: 0,
            }),
          }),
        );
      }),
    );
    const page = await open(`${base}/`);
    const chip = page.locator('#filters button[data-status="COMPENSATION_FAILED"]');
    await chip.locator('.count').waitFor({ timeout: 120_000 });
    expect(Number(await chip.locator('.count').textContent())).toBeGreaterThanOrEqual(30);
    await chip.click();
    await page.locator('#list-title', { hasText: 'Sagas COMPENSATION_FAILED' }).waitFor({ timeout: 120_000 });
    const rows = async () =>
      page.locator('#sagas tr.saga').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order-id')));
    await page.locator('#page-info', { hasText: 'rows 1–25' }).waitFor({ timeout: 120_000 });
    const first = await rows();
    expect(first).toHaveLength(25);
    await page.click('#older');
    await page.locator('#page-info', { hasText: 'rows 26–' }).waitFor({ timeout: 120_000 });
    const second = await rows();
    await screenshot(page, 'page-2');
    const seen = [...first, ...second];
    expect(new Set(seen).size).toBe(seen.length);
    for (const sagaId of sagaIds) expect(seen).toContain(`ord-${sagaId}`);
    await page.click('#newer');
    await page.locator('#page-info', { hasText: 'rows 1–25' }).waitFor({ timeout: 120_000 });
    expect(await rows()).toEqual(first);
  });

  it('shows a declined order with its reasons, and markup in every field as text', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 4000, stock: 2 });
    const customerId = await fx.seedAccount(500);
    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));
    await fx.api.waitForTerminal(orderId, 90_000);
    const page = await open(`${base}/#/orders/${orderId}`);
    await page
      .locator(`#detail p[data-order-id="${orderId}"][data-status="COMPENSATED"]`)
      .waitFor({ timeout: 240_000 });
    const reason = 'Payment failed: Insufficient funds: balance 5.00 is below the amount 40.00';
    expect(await page.textContent('#detail .compensation-reason')).toBe(reason);
    expect(await page.textContent('#detail .order-reason')).toBe(reason);
    expect(await page.getAttribute('svg.waterfall g[data-step="paymentProcessing"]', 'data-outcome')).toBe(
      'FAILED',
    );
    await screenshot(page, 'declined');

    // A hand-written saga and order with markup in every field the page shows.
    const markupOrderId = `ord-${fx.unique('x')}${MARKUP}`;
    const markupSagaId = `saga-${fx.unique('x')}${MARKUP}`;
    fx.trackOrder(markupOrderId, markupSagaId);
    const now = new Date().toISOString();
    const { tables } = fx.deployment;
    await fx.dynamo.send(
      new PutItemCommand({
        TableName: tables.sagaStates,
        Item: marshall({
          sagaId: markupSagaId,
          orderId: markupOrderId,
          status: 'COMPENSATED',
          statusKey: statusKeyOf('COMPENSATED', markupSagaId),
          currentStep: `COMPENSATED${MARKUP}`,
          compensationRequired: true,
          compensationReason: `reason${MARKUP}`,
          steps: {
            created: { status: 'SUCCESS', timestamp: now },
            paymentProcessing: { status: 'FAILED', timestamp: now, error: `error${MARKUP}` },
          },
          createdAt: now,
          updatedAt: now,
          version: 0,
        }),
      }),
    );
    await fx.dynamo.send(
      new PutItemCommand({
        TableName: tables.orders,
        Item: marshall({
          orderId: markupOrderId,
          sagaId: markupSagaId,
          customerId: `customer${MARKUP}`,
          lines: [{ productId: `product${MARKUP}`, quantity: 1, unitPriceCents: 100 }],
          totalCents: 100,
          currency: `USD${MARKUP}`,
          status: 'CANCELLED',
          reason: `order reason${MARKUP}`,
          cancelledAt: now,
          createdAt: now,
          updatedAt: now,
          version: 0,
        }),
      }),
    );
    await closePage(page);
    const marked = await open(`${base}/#/orders/${encodeURIComponent(markupOrderId)}`);
    await marked.locator('#detail p[data-order-id]').waitFor({ timeout: 120_000 });
    await marked.locator('#sagas tr.saga', { hasText: markupOrderId }).waitFor({ timeout: 120_000 });
    const detailText = String(await marked.textContent('#detail'));
    for (const field of [
      markupOrderId,
      markupSagaId,
      `COMPENSATED${MARKUP}`,
      `reason${MARKUP}`,
      `error${MARKUP}`,
      `customer${MARKUP}`,
      `product${MARKUP}`,
      `USD${MARKUP}`,
      `order reason${MARKUP}`,
    ]) {
      expect(detailText).toContain(field);
    }
    expect(String(await marked.textContent('#sagas'))).toContain(markupOrderId);
    expect(await marked.locator('img, b:text-is("bold")').count()).toBe(0);
    expect(await marked.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(marked, 'markup');
  });

  it('explains a rejected order, a missing saga and an emulator that is down, in the page', async () => {
    const page = await open(`${base}/#/orders/ord-does-not-exist`);
    const missing = page.locator('#banner p[data-banner="detail"]');
    await missing.waitFor({ timeout: 120_000 });
    expect(await missing.textContent()).toContain('no saga for order ord-does-not-exist');
    expect(await missing.textContent()).toContain('What to do:');

    await page.fill('input[name=productId]', 'no-such-product');
    await page.click('#order-form button[type=submit]');
    const rejected = page.locator('#banner p[data-banner="order"]');
    await rejected.waitFor({ timeout: 120_000 });
    expect(await rejected.textContent()).toContain('Order rejected:');
    expect(await rejected.textContent()).toContain('Unknown product: no-such-product');
    await screenshot(page, 'rejected');

    const down = await open(`http://127.0.0.1:${portOf(downServer)}/`);
    const banner = down.locator('#banner p[data-error="EmulatorUnreachable"]');
    await banner.waitFor({ timeout: 30_000 });
    const text = String(await banner.textContent());
    expect(text).toContain(`cannot reach the emulator at http://127.0.0.1:${downPort}`);
    expect(text).toContain('make up');
    expect(await down.textContent('#sagas')).toContain('unavailable');
    await screenshot(down, 'emulator-down');
  });

  it.each([
    [
      'latency-cdf.svg',
      ['end-to-end latency (ms)', 'share of sagas at or below (%)', 'floor p50', 'floor probe'],
    ],
    ['throughput.svg', ['offered load (orders/s)', 'completed sagas/s', 'latency (ms)', 'knee']],
  ])('renders the committed bench chart %s with its axes, units and legend', async (file, labels) => {
    const page = await browser.newPage();
    await page.goto(`file://${path.resolve(__dirname, '..', 'bench', file)}`);
    const box = await page.locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    const texts = await page.locator('svg text').allTextContents();
    for (const label of labels) expect(texts.some((text) => text.includes(label))).toBe(true);
    // Tick labels on the axes: numbers, more than a handful.
    expect(texts.filter((text) => /^[0-9.]+$/.test(text.trim())).length).toBeGreaterThan(4);
    // Not the full-page helper: a full-page capture of a bare SVG document never completes in Chromium.
    const shot = path.join(artifacts, `bench-${file.replace('.svg', '')}.png`);
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('refuses a cross-site POST (foreign Origin or Host) with 403 and writes nothing', async () => {
    const customerId = await fx.seedAccount(100_000);
    const body = JSON.stringify({ customerId, items: [{ productId: 'product-1', quantity: 1 }] });
    const port = portOf(server);
    for (const headers of [
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      { origin: 'http://evil.example', 'content-type': 'application/json' },
    ]) {
      const response = await fetch(`${base}/api/orders`, { method: 'POST', headers, body });
      expect(response.status).toBe(403);
    }
    // fetch cannot forge Host; a raw request can, as a DNS-rebound page would send it.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/orders',
          headers: {
            host: `rebound.example:${port}`,
            origin: `http://rebound.example:${port}`,
            'content-type': 'application/json',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(403);
    // Nothing written: the customer has no order (CustomerIdIndex through the explorer's own search).
    const search = await fetch(`${base}/api/search?q=${customerId}`);
    expect(await search.json()).toEqual({ items: [] });
  });
});
