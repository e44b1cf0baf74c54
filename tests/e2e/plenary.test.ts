/**
 * Issue #6, plenary facilitation. Fabio (facilitatore), Paola (partecipante, on her tavolo's
 * board) and the projector on the wall are separate browser contexts, so all they share went
 * through the server. The projector follows Fabio's focus (a step, a tavolo, a card, the
 * comparison), shows the timer with the same seconds as Paola's board although its clock is
 * 7 minutes fast, a second projector opened late shows the running timer, and the projector
 * recovers by itself after its connection is cut. axe-core finds nothing serious or critical
 * on the projector and on the comparison.
 */
import { describe, expect, test } from 'vitest';
import { seriousA11yFindings } from './harness/axe.js';
import { REFUSED_WEBSOCKET } from './harness/browser.js';
import { tramaFixture } from './harness/fixture.js';
import { BoardPage } from './harness/pages.js';
import { joinTavolo, PercorsoHomePage } from './harness/percorsoPages.js';
import {
  PlenaryConsole,
  ProjectorView,
  skewClock,
  timerOn,
  waitForTimer,
} from './harness/plenaryPages.js';

const trama = tramaFixture();

const MINUTE = 60_000;

/** Seconds on two pages read back to back agree to within one second. */
async function sameSeconds(a: BoardPage['page'], b: BoardPage['page']) {
  const [x, y] = await Promise.all([timerOn(a), timerOn(b)]);
  expect(x).not.toBeNull();
  expect(y).not.toBeNull();
  expect(x?.phase).toBe(y?.phase);
  expect(Math.abs((x?.seconds ?? 0) - (y?.seconds ?? 0))).toBeLessThanOrEqual(1);
  return x?.seconds ?? 0;
}

describe('plenary facilitation', () => {
  test('the projector follows focus and timer; skewed clocks, a late joiner, a reconnect', {
    timeout: 180_000,
  }, async () => {
    // Fabio sets up a percorso with two tavoli.
    const fabio = await trama.person();
    const { percorso } = await PercorsoHomePage.create(fabio.page, {
      title: 'Piano di Zona 2026 – Plenaria',
      ente: 'Comune di Bergamo',
    });
    await percorso.createSnodo('Tavolo anziani');
    await percorso.createSnodo('Tavolo caregiver');
    const console_ = new PlenaryConsole(fabio.page);
    await console_.root.waitFor();

    // Paola joins her tavolo and writes an esigenza.
    const invite = await percorso.invite('partecipante', 'Tavolo anziani', 'Partecipanti anziani');
    const paola = await trama.person();
    const paolaBoard = await joinTavolo(paola.page, invite.link, {
      name: 'Paola',
      ente: 'Cooperativa Il Sole',
    });
    await paolaBoard.showView('outline');
    const card = await paolaBoard.addCard('esigenza');
    await card.setTitle('Anziani soli nei quartieri periferici');
    const boardId = /\/b\/([^/?#]+)/.exec(paola.page.url())?.[1] ?? '';
    expect(boardId).not.toBe('');

    // The projector: its own link, a 1920×1080 wall, a clock 7 minutes fast.
    const projectorLink = await console_.projectorLink();
    expect(projectorLink).toMatch(/\/p\/[A-Za-z0-9_-]+\/proiettore#t=\S+$/);
    const wall = await trama.person();
    await skewClock(wall.context, 7 * MINUTE);
    await wall.interceptSync();
    const projector = await ProjectorView.open(wall.page, projectorLink);
    expect(wall.page.url()).not.toContain('#t=');
    await projector.waitForFocus('none');
    // Read-only: nothing to edit on the wall.
    expect(
      await wall.page.locator('input, textarea, select, [contenteditable="true"]').count(),
    ).toBe(0);

    // Focus: a step, a tavolo, a card.
    await console_.showStep(7);
    const step = await projector.waitForFocus('step');
    await step.locator('[data-testid="projector-step"][data-step="7"]').waitFor();
    await step.getByRole('heading', { name: 'Domande guida' }).waitFor();
    expect(await seriousA11yFindings(wall.page)).toEqual([]);
    const smallest = await projector.smallestText();
    expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual(24);

    await console_.showSnodo('Tavolo anziani');
    const snodo = await projector.waitForFocus('snodo');
    await snodo
      .getByTestId('projector-lane-esigenza')
      .getByText('Anziani soli nei quartieri periferici')
      .waitFor();

    // Fabio puts Paola's card in focus from its details on the board.
    const fabioBoardPage = await fabio.context.newPage();
    const fabioBoard = await BoardPage.visit(fabioBoardPage, `/b/${boardId}`);
    const seen = await fabioBoard.card(card.id);
    await seen.root.getByTestId('focus-card').click();
    const focusedCard = await projector.waitForFocus('card');
    await focusedCard
      .locator(`[data-testid="projector-card"][data-card-id="${card.id}"]`)
      .getByText('Anziani soli nei quartieri periferici')
      .waitFor();
    await fabioBoardPage.close();

    // Paola follows: the bar says what is shown; she can stop and start following again.
    const bar = paola.page.getByTestId('follow-bar');
    await bar.getByTestId('follow-what').waitFor();
    await bar.getByTestId('follow-toggle').click();
    await paola.page.locator('[data-testid="follow-bar"][data-following="false"]').waitFor();
    await bar.getByTestId('follow-toggle').click();
    await paola.page.locator('[data-testid="follow-bar"][data-following="true"]').waitFor();

    // The timer: ten minutes, the same seconds on the wall (clock +7 min) and on Paola's board.
    await console_.timer('start-10');
    await waitForTimer(wall.page, 'running');
    await waitForTimer(paola.page, 'running');
    const started = await sameSeconds(wall.page, paola.page);
    expect(started).toBeGreaterThan(9 * 60 + 30);
    expect(started).toBeLessThanOrEqual(10 * 60);

    await console_.timer('pause');
    await waitForTimer(wall.page, 'paused');
    await waitForTimer(paola.page, 'paused');
    const paused = await sameSeconds(wall.page, paola.page);
    await console_.timer('add-5');
    await expect.poll(async () => (await timerOn(wall.page))?.seconds).toBe(paused + 5 * 60);
    await expect.poll(async () => (await timerOn(paola.page))?.seconds).toBe(paused + 5 * 60);
    await console_.timer('resume');
    await waitForTimer(wall.page, 'running');
    await waitForTimer(paola.page, 'running');
    await sameSeconds(wall.page, paola.page);

    // A second projector opened late, its clock 3 minutes slow, shows the running timer.
    const late = await trama.person();
    await skewClock(late.context, -3 * MINUTE);
    await ProjectorView.open(late.page, projectorLink);
    await waitForTimer(late.page, 'running');
    await sameSeconds(late.page, wall.page);

    // The join code on the wall, on demand.
    await console_.showJoinCode('Partecipanti anziani');
    await wall.page.getByTestId('projector-join').getByTestId('qr').waitFor();
    await expect
      .poll(() => wall.page.getByTestId('projector-join-code').textContent())
      .toBe(invite.code);

    // The wall loses its connection; meanwhile Fabio shows the comparison, spotlighting a tavolo.
    await wall.blockSync();
    await wall.page
      .locator(
        '[data-testid="projector"] [data-testid="connection-status"]:not([data-status="connected"])',
      )
      .waitFor();
    await console_.showConfronto('Tavolo anziani');
    wall.unblockSync();
    await projector.waitForConnected();
    const confronto = await projector.waitForFocus('confronto');
    await confronto
      .locator(
        `[data-testid="confronto-snodo"][data-board-id="${boardId}"] [data-testid="confronto-spotlight"]`,
      )
      .waitFor();
    await confronto.getByText('Anziani soli nei quartieri periferici').waitFor();
    await waitForTimer(wall.page, 'running');
    await sameSeconds(wall.page, paola.page);
    expect(await seriousA11yFindings(wall.page)).toEqual([]);
    const smallestConfronto = await projector.smallestText();
    expect(smallestConfronto.px, `"${smallestConfronto.text}"`).toBeGreaterThanOrEqual(24);

    // The comparison page (facilitator, another tab): the snodi side by side, spotlight from focus.
    const confrontoPage = await fabio.context.newPage();
    await confrontoPage.goto(`/p/${percorso.percorsoId}/confronto`);
    await confrontoPage
      .locator(
        `[data-testid="confronto-snodo"][data-board-id="${boardId}"] [data-testid="confronto-spotlight"]`,
      )
      .waitFor();
    await confrontoPage.getByTestId('confronto-snodo').nth(1).waitFor();
    expect(await seriousA11yFindings(confrontoPage)).toEqual([]);

    // Time is up: the end is the same for everyone.
    await console_.timer('end');
    await waitForTimer(wall.page, 'ended');
    await waitForTimer(paola.page, 'ended');
    await waitForTimer(late.page, 'ended');
    // The percorso page with its console passes axe too.
    expect(await seriousA11yFindings(fabio.page)).toEqual([]);

    trama.expectCleanPages([REFUSED_WEBSOCKET]);
  });
});
