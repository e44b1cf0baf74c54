/**
 * Issue #4, the tavolo canvas: people at a table build esigenza → obiettivo → linea
 * strategica together, in separate browser contexts against the built server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { seriousA11yFindings } from './harness/axe.js';
import { launchBrowser, Participant, REFUSED_WEBSOCKET } from './harness/browser.js';
import { CanvasBoard } from './harness/canvas.js';
import { BoardPage, HomePage } from './harness/pages.js';
import { TramaServer } from './harness/server.js';

let server: TramaServer;
let browser: Browser;
let people: Participant[] = [];

async function join(): Promise<Participant> {
  const person = await Participant.join(browser, server.url);
  await person.page.setViewportSize({ width: 1400, height: 900 });
  people.push(person);
  return person;
}

/** Anna creates a board and Bruno opens its link; both on the canvas, named, with their ente. */
async function annaAndBrunoOnCanvas(options: { interceptBruno?: boolean } = {}) {
  const anna = await join();
  const bruno = await join();
  if (options.interceptBruno) await bruno.interceptSync();
  const created = await new HomePage(anna.page)
    .open()
    .then((home) => home.createBoard('Tavolo anziani'));
  await created.setDisplayName('Anna');
  await created.setEnte('Comune di Lecco');
  const url = await created.shareUrl();
  const brunoBoard = await BoardPage.visit(bruno.page, url);
  await brunoBoard.setDisplayName('Bruno');
  await brunoBoard.setEnte('Cooperativa Il Melograno');
  return {
    anna,
    bruno,
    annaCanvas: await CanvasBoard.on(created),
    brunoCanvas: await CanvasBoard.on(brunoBoard),
  };
}

function expectNoConsoleErrors(allowed: readonly RegExp[] = []): void {
  for (const person of people) {
    expect(person.consoleErrors(allowed)).toEqual([]);
    expect(person.requestsLeavingTheMachine()).toEqual([]);
  }
}

beforeAll(async () => {
  server = await TramaServer.start();
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(people.map((person) => person.leave()));
  people = [];
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('the tavolo canvas', () => {
  test('two people build esigenza → obiettivo → linea strategica with links and see the same board', async () => {
    const { annaCanvas, brunoCanvas } = await annaAndBrunoOnCanvas();

    // Presence: names with their ente, and the other's pointer on the canvas.
    await annaCanvas.waitForParticipant('Bruno');
    await annaCanvas.presence().getByText('Cooperativa Il Melograno').waitFor();
    await brunoCanvas.page.mouse.move(700, 600);
    await brunoCanvas.page.mouse.move(720, 620);
    await annaCanvas.remoteCursor('Bruno').waitFor();

    const esigenza = await annaCanvas.addCanvasCard('esigenza', 'Mancano posti al centro diurno');
    await esigenza.typeIn('personale', 'Mancano posti.');
    await esigenza.close();
    // A bare lack reads as a bisogno: the card carries a hint.
    await esigenza.hintBadge().waitFor();

    const obiettivo = await brunoCanvas.addCanvasCard('obiettivo', 'Meno anziani soli');
    await obiettivo.typeIn('enunciato', 'Ridurre l’isolamento degli anziani del quartiere.');
    await obiettivo.close();
    const linea = await brunoCanvas.addCanvasCard('lineaStrategica', 'Rete di vicinato');
    await linea.close();

    // Anna links her esigenza to Bruno's obiettivo; Bruno links the obiettivo to his linea.
    const obiettivoForAnna = await annaCanvas.canvasCard(obiettivo.id);
    await annaCanvas.fit();
    await annaCanvas.drawLink(esigenza, obiettivoForAnna);
    const esigenzaForBruno = await brunoCanvas.canvasCard(esigenza.id);
    await brunoCanvas.fit();
    await brunoCanvas.drawLink(obiettivo, linea);

    // Both see the same cards and both links.
    await brunoCanvas.link(esigenza.id, obiettivo.id).waitFor({ state: 'attached' });
    await annaCanvas.link(obiettivo.id, linea.id).waitFor({ state: 'attached' });
    for (const canvas of [annaCanvas, brunoCanvas]) {
      expect(await canvas.cardsOf('esigenza').count()).toBe(1);
      expect(await canvas.cardsOf('obiettivo').count()).toBe(1);
      expect(await canvas.cardsOf('lineaStrategica').count()).toBe(1);
      expect(await canvas.edges().count()).toBe(2);
    }
    expect(await esigenzaForBruno.shownTitle().textContent()).toBe(
      'Mancano posti al centro diurno',
    );

    // Anna drags the obiettivo: while she holds it, its two links follow it in their own
    // layer (the links' usual drawing steps aside); at the drop they are links again, and
    // Bruno sees the card where she left it.
    const grip = await annaCanvas.stableBox(obiettivoForAnna.node());
    const brunoBefore = await brunoCanvas.stableBox(
      (await brunoCanvas.canvasCard(obiettivo.id)).node(),
    );
    if (grip === null || brunoBefore === null) throw new Error('obiettivo not in view');
    const from = { x: grip.x + grip.width / 2, y: grip.y + 12 };
    await annaCanvas.page.mouse.move(from.x, from.y);
    await annaCanvas.page.mouse.down();
    await annaCanvas.page.mouse.move(from.x + 20, from.y + 60, { steps: 4 });
    const moving = annaCanvas.page.getByTestId('moving-links').locator('path');
    await expect.poll(() => moving.count()).toBe(2);
    expect(await annaCanvas.edges().count()).toBe(0);
    // Each drawn with the links' arrowhead.
    const markers = await moving.evaluateAll((paths) =>
      paths.map((path) => {
        const id = /url\('#(.+)'\)/.exec(path.getAttribute('marker-end') ?? '')?.[1] ?? '';
        return document.getElementById(id)?.tagName ?? null;
      }),
    );
    expect(markers).toEqual(['marker', 'marker']);
    await annaCanvas.page.mouse.move(from.x + 20, from.y + 120, { steps: 4 });
    await annaCanvas.page.mouse.up();
    await annaCanvas.page.getByTestId('moving-links').waitFor({ state: 'detached' });
    await expect.poll(() => annaCanvas.edges().count()).toBe(2);
    await expect
      .poll(
        async () =>
          (await brunoCanvas.canvasCard(obiettivo.id).then((c) => c.node().boundingBox()))?.y,
      )
      .toBeGreaterThan(brunoBefore.y + 10);

    // The hints panel lists the method's hints, the bisogno one among them.
    await annaCanvas.page.getByTestId('toggle-hints').click();
    await annaCanvas.page
      .getByTestId('hints-panel')
      .getByText('bisogno', { exact: false })
      .first()
      .waitFor();
    expectNoConsoleErrors();
  });

  test('when the editors cannot load, the card says so and the board keeps working', async () => {
    const anna = await join();
    // The editors' code (loaded on demand) cannot be fetched: the network went away.
    await anna.page.route(/\/assets\/(CardDetails|RichTextEditor)-[^/]*\.js$/, (route) =>
      route.abort(),
    );
    await new HomePage(anna.page).open();
    await anna.page.getByTestId('create-board').getByRole('button').click();
    await anna.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/);
    const board = new BoardPage(anna.page);
    await board.waitForStatus('connected');
    const canvas = await CanvasBoard.on(board);
    const card = await canvas.addCanvasCard('esigenza', 'Spazi per lo studio');
    const failed = card.root.getByTestId('load-failed');
    await failed.waitFor();
    expect(await failed.getByRole('button', { name: 'Ricarica la pagina' }).isVisible()).toBe(true);
    // The title (no editor needed) was written, the canvas and its toolbar still work.
    await card.close();
    expect(await card.shownTitle().textContent()).toBe('Spazi per lo studio');
    await canvas.addCanvasCard('obiettivo', 'Aule studio aperte la sera');
    await card.root.waitFor();
    expect(await canvas.cardsOf('obiettivo').count()).toBe(1);
    // The outline needs the editors too: it says so in its place, the page around it stays.
    await anna.page.getByTestId('view-outline').click();
    await anna.page.getByTestId('load-failed').waitFor();
    await anna.page.getByTestId('view-canvas').click();
    await card.root.waitFor();
    expectNoConsoleErrors([/Failed to load resource|ERR_FAILED|dynamically imported module/i]);
  });

  test('typing at the same time in the same card merges', async () => {
    const { annaCanvas, brunoCanvas } = await annaAndBrunoOnCanvas();
    const card = await annaCanvas.addCanvasCard('esigenza', 'Caregiver familiari');
    const brunoCard = await brunoCanvas.canvasCard(card.id);
    await brunoCard.open();
    await card.field('familiare').click();
    await brunoCard.field('familiare').click();
    await Promise.all([
      annaCanvas.page.keyboard.type('Le figlie lasciano il lavoro. ', { delay: 15 }),
      brunoCanvas.page.keyboard.type('I vicini aiutano la sera. ', { delay: 15 }),
    ]);
    await card.waitForText('familiare', 'I vicini aiutano la sera.');
    await brunoCard.waitForText('familiare', 'Le figlie lasciano il lavoro.');
    await expect
      .poll(async () => (await card.text('familiare')) === (await brunoCard.text('familiare')))
      .toBe(true);
    // Bruno's card is highlighted for Anna while he writes in it.
    await card.root.locator('.card-node__editing', { hasText: 'Bruno' }).waitFor();
    expectNoConsoleErrors();
  });

  test('undo only undoes your own change', async () => {
    const { annaCanvas, brunoCanvas } = await annaAndBrunoOnCanvas();
    const card = await annaCanvas.addCanvasCard('esigenza', 'Solitudine');
    const brunoCard = await brunoCanvas.canvasCard(card.id);
    await card.typeIn('personale', 'Anna scrive qui.');
    await brunoCard.typeIn('comunitario', 'Bruno scrive qui.');
    await card.waitForText('comunitario', 'Bruno scrive qui.');

    // Anna undoes (Ctrl+Z in her editor): her sentence goes, Bruno's stays, for both.
    await card.field('personale').click();
    await annaCanvas.page.keyboard.press('Control+z');
    await expect.poll(() => card.text('personale')).toBe('');
    await expect.poll(() => brunoCard.text('personale')).toBe('');
    expect(await card.text('comunitario')).toBe('Bruno scrive qui.');
    expect(await brunoCard.text('comunitario')).toBe('Bruno scrive qui.');

    // Redo (Ctrl+Shift+Z, in her field) brings it back.
    await card.field('personale').click();
    await annaCanvas.page.keyboard.press('Control+Shift+z');
    await brunoCard.waitForText('personale', 'Anna scrive qui.');

    expectNoConsoleErrors();
  });

  test('edits made while the socket is blocked merge when it comes back', async () => {
    const { annaCanvas, bruno, brunoCanvas } = await annaAndBrunoOnCanvas({ interceptBruno: true });
    const card = await annaCanvas.addCanvasCard('obiettivo', 'Più autonomia');
    const brunoCard = await brunoCanvas.canvasCard(card.id);

    await bruno.blockSync();
    expect(['reconnecting', 'offline']).toContain(await brunoCanvas.waitForDisconnected());
    await brunoCard.typeIn('cambiamento', 'Bruno, senza rete.');
    // The indicator tells the truth: his edits wait on this device.
    await brunoCanvas.page.getByTestId('pending-edits').waitFor();
    await card.typeIn('cambiamento', 'Anna, in linea. ');

    bruno.unblockSync();
    await brunoCanvas.waitForStatus('connected');
    await brunoCanvas.page.getByTestId('pending-edits').waitFor({ state: 'detached' });
    await card.waitForText('cambiamento', 'Bruno, senza rete.');
    await brunoCard.waitForText('cambiamento', 'Anna, in linea.');
    expect(await card.text('cambiamento')).toBe(await brunoCard.text('cambiamento'));
    expectNoConsoleErrors([REFUSED_WEBSOCKET, /WebSocket/]);
  });

  test('the outline does it all with the keyboard, live with the canvas', async () => {
    const { annaCanvas, brunoCanvas } = await annaAndBrunoOnCanvas();
    await annaCanvas.showView('outline');
    const page = annaCanvas.page;
    const keyboard = page.keyboard;

    /** Presses Tab until the focused element matches, like a keyboard user looking for it. */
    async function tabTo(selector: string, max = 60): Promise<void> {
      for (let i = 0; i < max; i++) {
        await keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector))
          return;
      }
      throw new Error(`Tab never reached ${selector}`);
    }

    await page.getByTestId('view-outline').focus();
    await tabTo('[data-testid="section-esigenza"] [data-testid="add-card"]');
    await keyboard.press('Enter');
    await keyboard.type('Anziani soli in estate');
    await tabTo(
      '[data-testid="section-esigenza"] [data-field="personale"] [contenteditable="true"]',
    );
    await keyboard.type('Si organizza con i vicini.');

    await tabTo('[data-testid="section-obiettivo"] [data-testid="add-card"]');
    await keyboard.press('Enter');
    await keyboard.type('Estate in compagnia');
    await tabTo('[data-testid="section-obiettivo"] [data-testid="link-select"]');
    await keyboard.press('ArrowDown');
    await keyboard.press('Tab');
    await keyboard.press('Enter');
    await page.locator('[data-testid="section-obiettivo"] [data-link-to]').waitFor();

    // Bruno, on the canvas, sees both cards and the link.
    await brunoCanvas.cardsOf('obiettivo').first().waitFor();
    await expect.poll(() => brunoCanvas.edges().count()).toBe(1);
    expect(
      await brunoCanvas.cardsOf('esigenza').first().getByTestId('canvas-card-title').textContent(),
    ).toBe('Anziani soli in estate');
    expectNoConsoleErrors();
  });

  test('axe finds no serious or critical problem on the canvas and the outline', async () => {
    const { annaCanvas } = await annaAndBrunoOnCanvas();
    const card = await annaCanvas.addCanvasCard('esigenza', 'Solitudine');
    await card.close();
    const obiettivo = await annaCanvas.addCanvasCard('obiettivo', 'Meno solitudine');
    await obiettivo.close();
    await annaCanvas.page.getByTestId('toggle-hints').click();
    expect(await seriousA11yFindings(annaCanvas.page)).toEqual([]);
    await obiettivo.open();
    expect(await seriousA11yFindings(annaCanvas.page)).toEqual([]);
    await annaCanvas.showView('outline');
    expect(await seriousA11yFindings(annaCanvas.page)).toEqual([]);
  });

  test('Italian by default, English after switching; method terms stay Italian', async () => {
    const { annaCanvas } = await annaAndBrunoOnCanvas();
    const page = annaCanvas.page;
    expect(await page.getByTestId('view-canvas').textContent()).toBe('Tela');
    expect(await page.getByTestId('fit-view').textContent()).toBe('Adatta allo schermo');
    expect(await page.getByTestId('lane-esigenza').getByRole('heading').textContent()).toBe(
      'Lettura delle esigenze',
    );
    await annaCanvas.chooseLanguage('en');
    expect(await page.getByTestId('view-canvas').textContent()).toBe('Canvas');
    expect(await page.getByTestId('fit-view').textContent()).toBe('Fit to screen');
    expect(await page.getByTestId('lane-esigenza').getByRole('heading').textContent()).toBe(
      'Lettura delle esigenze',
    );
    expect(await page.getByTestId('lane-obiettivo').getByRole('heading').textContent()).toBe(
      'Obiettivi',
    );
    expect(await page.getByTestId('toggle-hints').textContent()).toContain('Hints');
    expectNoConsoleErrors();
  });
});
