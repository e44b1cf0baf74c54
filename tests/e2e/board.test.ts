/**
 * Issue #2, walking skeleton: two people co-edit a card of a tavolo's board in real browsers
 * against the built server. Each person is a separate browser context (own storage, no shared
 * BroadcastChannel), so everything they see of each other went through the server.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, Participant, REFUSED_WEBSOCKET } from './harness/browser.js';
import { HomePage } from './harness/pages.js';
import { openFromHome, passJoinGate } from './harness/percorsoPages.js';
import { TramaServer } from './harness/server.js';

let server: TramaServer;
let browser: Browser;
let people: Participant[] = [];

async function join(): Promise<Participant> {
  const person = await Participant.join(browser, server.url);
  people.push(person);
  return person;
}

/** Anna creates a board; Bruno opens its shared link. Both are named and connected. */
async function annaAndBruno(title = 'Tavolo anziani e fragilità') {
  const anna = await join();
  const bruno = await join();
  const annaBoard = await new HomePage(anna.page).open().then((home) => home.createBoard(title));
  await annaBoard.setDisplayName('Anna');
  // The shared link is an invite: Bruno says who he is once, then lands on the board.
  await bruno.page.goto(await annaBoard.shareUrl());
  const brunoBoard = await passJoinGate(bruno.page, { name: 'Bruno', ente: 'Cittadino' });
  await brunoBoard.showView('outline');
  await brunoBoard.setDisplayName('Bruno');
  return { anna, bruno, annaBoard, brunoBoard };
}

/** No console errors or uncaught exceptions (minus `allowed`), and nothing left this machine. */
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

describe('a tavolo co-edits its board', () => {
  test('two people see each other, and each other’s cards, text and carets', async () => {
    const { annaBoard, brunoBoard } = await annaAndBruno();

    await annaBoard.waitForParticipant('Bruno');
    await brunoBoard.waitForParticipant('Anna');
    expect(await annaBoard.participantNames()).toEqual(['Anna (tu)', 'Bruno']);

    const annaCard = await annaBoard.addCard('esigenza');
    await annaCard.setTitle('Solitudine degli anziani soli');
    await annaCard.typeIn('personale', 'Molti vivono soli dopo la vedovanza.');

    const brunoCard = await brunoBoard.card(annaCard.id);
    await brunoCard.waitForText('personale', 'Molti vivono soli dopo la vedovanza.');
    await expect.poll(() => brunoCard.title().inputValue()).toBe('Solitudine degli anziani soli');

    await brunoCard.typeIn('comunitario', 'Il circolo del quartiere chiude in estate.');
    await annaCard.waitForText('comunitario', 'Il circolo del quartiere chiude in estate.');
    // Bruno's caret, with his name, is in the field where he is typing.
    await annaCard.caretOf('Bruno').waitFor();

    // Both write in the same field: both sentences survive, merged.
    await annaCard.typeIn('comunitario', ' Anna aggiunge.');
    await brunoCard.waitForText('comunitario', 'Anna aggiunge.');
    expect(await annaCard.text('comunitario')).toBe(await brunoCard.text('comunitario'));

    expect(await annaBoard.cards('esigenza').count()).toBe(1);
    expectNoConsoleErrors();
  });

  test('cards go in every section and a deleted card disappears for everyone', async () => {
    const { annaBoard, brunoBoard } = await annaAndBruno('Laboratorio giovani');

    const obiettivo = await annaBoard.addCard('obiettivo');
    await obiettivo.typeIn('enunciato', 'I giovani gestiscono uno spazio del quartiere.');
    const linea = await brunoBoard.addCard('lineaStrategica');
    await linea.setTitle('Patto di collaborazione');

    await (await brunoBoard.card(obiettivo.id)).waitForText('enunciato', 'spazio del quartiere');
    const lineaForAnna = await annaBoard.card(linea.id);
    await expect.poll(() => lineaForAnna.title().inputValue()).toBe('Patto di collaborazione');

    await lineaForAnna.delete();
    // Keyboard users land back on the section's add button.
    await annaBoard.addButton('lineaStrategica').and(annaBoard.page.locator(':focus')).waitFor();
    await (await brunoBoard.card(obiettivo.id)).root.waitFor();
    await brunoBoard.page
      .locator(`[data-card-id="${linea.id}"]`)
      .waitFor({ state: 'detached', timeout: 15_000 });
    expect(await brunoBoard.cards('lineaStrategica').count()).toBe(0);
    expectNoConsoleErrors();
  });

  test('a reload keeps the text', async () => {
    const { annaBoard, brunoBoard } = await annaAndBruno();
    const card = await annaBoard.addCard('esigenza');
    await card.setTitle('Caregiver familiari');
    await card.typeIn('familiare', 'Le figlie lasciano il lavoro per assistere.');
    // Bruno sees it, so the server has it.
    await (await brunoBoard.card(card.id)).waitForText('familiare', 'lasciano il lavoro');

    await annaBoard.reload();
    const again = await annaBoard.card(card.id);
    await again.waitForText('familiare', 'Le figlie lasciano il lavoro per assistere.');
    expect(await again.title().inputValue()).toBe('Caregiver familiari');
    expect(await annaBoard.page.getByTestId('board-title').textContent()).toBe(
      'Tavolo anziani e fragilità',
    );
    expectNoConsoleErrors();
  });

  test('the board can be opened by pasting its link or its code', async () => {
    const anna = await join();
    const created = await new HomePage(anna.page).open().then((home) => home.createBoard());
    const id = created.boardId;
    const url = await created.shareUrl();

    const bruno = await join();
    const byLink = await openFromHome(bruno.page, url, { name: 'Bruno', ente: 'Cittadino' });
    expect(byLink.boardId).toBe(id);
    // Once joined on this device, the board's bare code opens it too.
    const byCode = await openFromHome(bruno.page, id, { name: 'Bruno', ente: 'Cittadino' });
    expect(byCode.boardId).toBe(id);
    expectNoConsoleErrors();
  });

  test('the text survives a server restart; the page reconnects by itself', async () => {
    const { annaBoard, brunoBoard } = await annaAndBruno();
    const card = await annaBoard.addCard('esigenza');
    await card.typeIn('reteServizi', 'I servizi domiciliari non si parlano.');
    await (await brunoBoard.card(card.id)).waitForText('reteServizi', 'non si parlano');

    await server.stop();
    expect(['reconnecting', 'offline']).toContain(await annaBoard.waitForDisconnected());
    await server.restart();
    await annaBoard.waitForStatus('connected');
    await brunoBoard.waitForStatus('connected');

    await annaBoard.reload();
    await (await annaBoard.card(card.id)).waitForText(
      'reteServizi',
      'I servizi domiciliari non si parlano.',
    );
    // Chromium logs every refused reconnect while the server was down; nothing else is allowed.
    expectNoConsoleErrors([REFUSED_WEBSOCKET]);
  });

  test('the indicator says offline when the network goes, and connected when it is back', async () => {
    const { anna, annaBoard, brunoBoard } = await annaAndBruno();
    await anna.setOnline(false);
    await annaBoard.waitForStatus('offline');
    await anna.setOnline(true);
    await annaBoard.waitForStatus('connected');

    // Still in sync afterwards.
    const card = await annaBoard.addCard('obiettivo');
    await card.typeIn('cambiamento', 'Meno ricoveri evitabili.');
    await (await brunoBoard.card(card.id)).waitForText('cambiamento', 'Meno ricoveri evitabili.');
    expectNoConsoleErrors([REFUSED_WEBSOCKET]);
  });

  test('English changes the interface; the method’s terms stay Italian', async () => {
    const { annaBoard } = await annaAndBruno();
    const page = annaBoard.page;
    expect(await annaBoard.addButton('esigenza').textContent()).toContain('Aggiungi un’esigenza');
    expect(await annaBoard.connection().textContent()).toContain('Connesso');

    await annaBoard.chooseLanguage('en');
    expect(await annaBoard.addButton('esigenza').textContent()).toContain('Add an esigenza');
    expect(await annaBoard.connection().textContent()).toContain('Connected');
    expect(await page.getByTestId('presence').getByRole('heading').textContent()).toContain(
      'Who is here',
    );
    expect(await annaBoard.sectionHeading('esigenza').textContent()).toBe('Lettura delle esigenze');
    expect(await annaBoard.sectionHeading('obiettivo').textContent()).toBe('Obiettivi');
    expect(await annaBoard.sectionHeading('lineaStrategica').textContent()).toBe(
      'Linee strategiche',
    );

    const card = await annaBoard.addCard('esigenza');
    expect(await card.root.locator('[data-field="personale"]').textContent()).toContain(
      'Livello personale',
    );

    // The choice is remembered on this device.
    await annaBoard.reload();
    await page.locator('html[lang="en"]').waitFor();
    expect(await annaBoard.addButton('obiettivo').textContent()).toContain('Add an obiettivo');
    expectNoConsoleErrors();
  });
});
