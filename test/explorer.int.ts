import { mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { startExplorer } from '../explorer/explorerServer';
import { createFixtures, type Fixtures } from './support/fixtures';

/** The saga explorer in a real headless Chromium: place an order, watch it reach CONFIRMED. */
describe('saga explorer page', () => {
  let fx: Fixtures;
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    fx = await createFixtures();
    server = await startExplorer(0);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      // This machine has no network beyond loopback: keep Chromium from phoning home. Playwright
      // gives every launch a fresh, empty profile.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await fx.cleanup();
  });

  it('shows a placed order live until CONFIRMED, with every step, and saves a screenshot', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 2500, stock: 3 });
    const customerId = await fx.seedAccount(100_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);

    await page.fill('input[name=customerId]', customerId);
    await page.fill('input[name=productId]', productId);
    await page.fill('input[name=quantity]', '2');
    await page.click('button[type=submit]');

    const detail = page.locator('#detail p[data-order-id]');
    await detail.waitFor({ timeout: 15_000 });
    const orderId = String(await detail.getAttribute('data-order-id'));
    const sagaId = (await fx.api.getOrder(orderId)).body.sagaId;
    fx.trackOrder(orderId, String(sagaId));

    // The page refreshes itself while the saga is in flight: no reload here.
    await page
      .locator(`#detail p[data-order-id="${orderId}"][data-status="COMPLETED"]`)
      .waitFor({ timeout: 60_000 });
    const timeline = await page.locator('ol.timeline').textContent();
    for (const step of ['created', 'inventoryReservation', 'paymentProcessing', 'confirmation']) {
      expect(timeline ?? '').toContain(step);
    }
    await page.locator(`tr.saga[data-order-id="${orderId}"]`).waitFor({ timeout: 10_000 });

    const dir = path.resolve(__dirname, 'artifacts');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `explorer-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    console.log(`explorer screenshot: ${file}`);
  });
});
