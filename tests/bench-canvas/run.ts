/**
 * Canvas benchmark (printed figures, not a timed test): a board with 300 cards and 400 links
 * is seeded through the real server, then opened in headless Debian Chromium. Measures time
 * to the first interactive render of the canvas, frame rate while dragging a selection of 20
 * cards, and the page's JS heap.
 *
 *   pnpm run build && pnpm run bench:canvas
 */
import { addCard, type CardKind, initSnodoBoard, linkCards, listAllCards } from '@trama/shared';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { launchBrowser, Participant } from '../e2e/harness/browser.js';
import { HomePage } from '../e2e/harness/pages.js';
import { TramaServer } from '../e2e/harness/server.js';

const CARDS = { esigenza: 120, obiettivo: 100, lineaStrategica: 80 } as const;
const LINKS = 400;
const DRAG_STEPS = 120;

async function seed(serverUrl: string, boardId: string, token: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace('http', 'ws')}/sync`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  initSnodoBoard(doc, { title: 'Banco di prova: 300 schede' });
  const ids: Record<CardKind, string[]> = { esigenza: [], obiettivo: [], lineaStrategica: [] };
  const columns = 2;
  doc.transact(() => {
    for (const kind of Object.keys(CARDS) as CardKind[]) {
      const lane = ['esigenza', 'obiettivo', 'lineaStrategica'].indexOf(kind);
      for (let i = 0; i < CARDS[kind]; i++) {
        const pos = {
          x: lane * 600 + 30 + (i % columns) * 244,
          y: 170 + Math.floor(i / columns) * 144,
        };
        ids[kind].push(addCard(doc, kind, { title: `${kind} ${i + 1}`, pos, createdAt: i }));
      }
    }
    let made = 0;
    for (let i = 0; made < LINKS; i++) {
      const o = ids.obiettivo[i % ids.obiettivo.length] as string;
      const e = ids.esigenza[(i * 7) % ids.esigenza.length] as string;
      const l = ids.lineaStrategica[i % ids.lineaStrategica.length] as string;
      const o2 = ids.obiettivo[(i * 3) % ids.obiettivo.length] as string;
      linkCards(doc, o, e, i);
      made++;
      if (made < LINKS) {
        linkCards(doc, l, o2, i);
        made++;
      }
    }
  });
  // Wait until the server has it: a second client sees every card.
  const check = new Y.Doc();
  const reader = new WebsocketProvider(`${serverUrl.replace('http', 'ws')}/sync`, boardId, check, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  await new Promise<void>((resolve) => {
    const done = () => {
      if (listAllCards(check).length === 300) resolve();
    };
    check.on('update', done);
    reader.once('sync', done);
  });
  reader.destroy();
  provider.destroy();
}

const server = await TramaServer.start();
const browser = await launchBrowser();
try {
  // A quick tavolo created through the UI gives the facilitatore's token, which the seeder uses.
  const person = await Participant.join(browser, server.url);
  const page = person.page;
  await page.setViewportSize({ width: 1600, height: 1000 });
  const created = await new HomePage(page)
    .open()
    .then((home) => home.createBoard('Banco di prova'));
  const boardId = created.boardId;
  const token = await page.evaluate((id) => {
    const access = JSON.parse(localStorage.getItem('trama.access') ?? '{}') as {
      boards?: Record<string, string>;
      percorsi?: Record<string, { token: string; boardIds: string[] }>;
    };
    return (
      access.boards?.[id] ??
      Object.values(access.percorsi ?? {}).find((entry) => entry.boardIds.includes(id))?.token ??
      ''
    );
  }, boardId);
  await created.showView('canvas');
  await page.goto('/');
  await seed(server.url, boardId, token);

  const started = Date.now();
  await page.goto(`/b/${boardId}`);
  // Interactive: the canvas is up and the cards in view are drawn (boards this large draw
  // only what is in view).
  await page
    .locator('[data-testid="canvas"][data-ready] .react-flow__node-card')
    .first()
    .waitFor({ timeout: 60_000 });
  const toInteractive = Date.now() - started;
  const navToReady = await page.evaluate(() => performance.now());
  const drawnCards = await page.locator('.react-flow__node-card').count();
  const edges = await page.locator('.react-flow__edge').count();

  /** Selects 20 esigenze (Shift+click) and drags them; frames counted with rAF in the page. */
  async function measureDrag(): Promise<{
    selected: number;
    fps: number;
    worst: number;
    ms: number;
  }> {
    const cards = page.locator('[data-testid="canvas-card"][data-kind="esigenza"]');
    await page.keyboard.down('Shift');
    const inView = Math.min(20, await cards.count());
    for (let i = 0; i < inView; i++) {
      await cards.nth(i).click({ position: { x: 10, y: 6 }, force: true });
    }
    await page.keyboard.up('Shift');
    const selected = await page.locator('.react-flow__node-card.selected').count();
    const first = await cards.nth(0).boundingBox();
    if (first === null) throw new Error('no card box');
    // A string, so tsx's helpers (__name) do not leak into the page.
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      const tick = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const x0 = first.x + 10;
    const y0 = first.y + 6;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    const dragStart = Date.now();
    for (let i = 1; i <= DRAG_STEPS; i++) await page.mouse.move(x0 + i * 3, y0 + i * 2);
    await page.mouse.up();
    const ms = Date.now() - dragStart;
    const frames = (await page.evaluate(
      '(() => { window.__stop = true; return window.__frames; })()',
    )) as number[];
    const intervals = frames.slice(1).map((t, i) => t - (frames[i] as number));
    const fps =
      intervals.length === 0 ? 0 : 1000 / (intervals.reduce((a, b) => a + b, 0) / intervals.length);
    await page.mouse.click(5, 400); // clear the selection (pane)
    return { selected, fps, worst: Math.max(...intervals), ms };
  }

  // Zoomed out one step, so that 20 esigenze are in view.
  await page.locator('.react-flow__controls-zoomout').click();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
  const atDefaultZoom = await measureDrag();
  await page.getByTestId('fit-view').click();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
  const fitted = await measureDrag();
  const client = await page.context().newCDPSession(page);
  await client.send('HeapProfiler.collectGarbage');
  await client.send('Performance.enable');
  const { metrics } = await client.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;

  console.log('Trama canvas benchmark (headless Debian Chromium, 1600×1000)');
  console.log(
    `  board: 300 cards, ${LINKS} links seeded; in view at first render: ${drawnCards} cards, ${edges} links`,
  );
  console.log(
    `  time to interactive canvas (goto → cards in view drawn): ${toInteractive} ms (page clock ${Math.round(navToReady)} ms)`,
  );
  for (const [label, drag] of [
    ['working zoom (the cards in view drawn)', atDefaultZoom],
    ['fit to screen (all 300 cards, 400 links in view)', fitted],
  ] as const) {
    console.log(
      `  drag at ${label}: ${drag.selected} selected, ${DRAG_STEPS} pointer moves in ${drag.ms} ms: ${drag.fps.toFixed(1)} fps average, worst frame ${drag.worst.toFixed(0)} ms`,
    );
  }
  console.log(`  JS heap after GC: ${(heap / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  console errors: ${person.consoleErrors().length}`);
} finally {
  await browser.close();
  await server.dispose();
}
