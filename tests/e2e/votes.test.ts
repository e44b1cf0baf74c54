/**
 * Issue #6, dot voting: the facilitatore opens a vote on the obiettivi with 3 dots each; two
 * partecipanti who joined through the same shared invite link each get their own budget; the
 * tally stays hidden (nobody's dots reach another page) until the reveal; then everyone sees
 * the totals. Each person is a separate browser context; every ballot goes through the server.
 */
import type { Response } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousA11yFindings } from './harness/axe.js';
import { type Participant, REFUSED_WEBSOCKET } from './harness/browser.js';
import { tramaFixture } from './harness/fixture.js';
import { BoardPage } from './harness/pages.js';
import { joinTavolo, PercorsoHomePage } from './harness/percorsoPages.js';
import { VotePanel } from './harness/votePages.js';

const trama = tramaFixture();

/** Every ballot reply a page received, to check it only ever held that person's own dots. */
function recordBallots(someone: Participant): { dots: Record<string, number>; used: number }[] {
  const seen: { dots: Record<string, number>; used: number }[] = [];
  someone.page.on('response', (response: Response) => {
    if (!/\/votazioni\/[^/]+\/ballot$/.test(new URL(response.url()).pathname)) return;
    if (!response.ok()) return;
    void response.json().then(
      (body: { dots: Record<string, number>; used: number }) => seen.push(body),
      () => {},
    );
  });
  return seen;
}

const OBIETTIVI = [
  'Ridurre la solitudine degli anziani soli',
  'Sostenere i caregiver familiari',
  'Portare i servizi nei quartieri periferici',
];

describe('dot voting', () => {
  test('a vote runs: own budgets from one shared link, a hidden tally, then the reveal', {
    timeout: 180_000,
  }, async () => {
    // Fabio sets up a percorso with one tavolo, writes three obiettivi on its board.
    const fabio = await trama.person();
    const { percorso } = await PercorsoHomePage.create(fabio.page, {
      title: 'Piano di Zona 2026 – Area anziani',
      ente: 'Comune di Bergamo',
    });
    await percorso.createSnodo('Tavolo anziani e fragilità');
    const invite = await percorso.invite(
      'partecipante',
      'Tavolo anziani e fragilità',
      'Partecipanti tavolo anziani',
    );
    const obsInvite = await percorso.invite(
      'osservatore',
      'Tavolo anziani e fragilità',
      'Osservatori tavolo anziani',
    );
    await percorso.snodoLink('Tavolo anziani e fragilità').click();
    const fabioBoard = new BoardPage(fabio.page);
    await fabioBoard.waitForStatus('connected');
    await fabioBoard.showView('outline');
    const ids: string[] = [];
    for (const title of OBIETTIVI) {
      const card = await fabioBoard.addCard('obiettivo');
      await card.setTitle(title);
      ids.push(card.id);
    }
    const [solitudine, caregiver, quartieri] = ids as [string, string, string];

    // Paola and Luca open the SAME invite link, each in their own browser, and join.
    const paola = await trama.person();
    const luca = await trama.person();
    const paolaBallots = recordBallots(paola);
    const lucaBallots = recordBallots(luca);
    const paolaBoard = await joinTavolo(paola.page, invite.link, {
      name: 'Paola',
      ente: 'Cooperativa Il Sole',
    });
    const lucaBoard = await joinTavolo(luca.page, invite.link, {
      name: 'Luca',
      ente: 'Auser Bergamo',
    });
    await paolaBoard.showView('outline');
    await lucaBoard.showView('outline');
    for (const board of [paolaBoard, lucaBoard]) await board.card(quartieri);

    // Osvaldo observes: he will see the results, never a control.
    const osvaldo = await trama.person();
    const osvaldoBoard = await joinTavolo(osvaldo.page, obsInvite.link, {
      name: 'Osvaldo',
      ente: 'Regione Lombardia',
    });
    await osvaldoBoard.showView('outline');

    // Fabio opens the vote on the obiettivi (the default), 3 dots each.
    expect(await paola.page.getByTestId('vote-new').count()).toBe(0);
    const fabioVote = new VotePanel(fabio.page);
    await fabioVote.open({ budget: 3 });
    await expect.poll(() => fabioVote.turnout()).toBe('Nessuno ha ancora votato.');

    // Paola's ballot: the three obiettivi, none of her dots yet.
    const paolaVote = new VotePanel(paola.page);
    await paolaVote.waitForBallot();
    expect(await paolaVote.used()).toContain('Hai usato 0 punti su 3');
    expect(await paolaVote.ballot().getByTestId('vote-card').count()).toBe(3);
    // The vote panel open: nothing serious or critical for axe.
    expect(await seriousA11yFindings(paola.page)).toEqual([]);

    await paolaVote.addDot(OBIETTIVI[0] as string);
    await expect.poll(() => paolaVote.used()).toContain('Hai usato 1 punto su 3');
    await paolaVote.addDot(OBIETTIVI[0] as string);
    await paolaVote.addDot(OBIETTIVI[1] as string);
    await expect.poll(() => paolaVote.used()).toContain('Hai usato 3 punti su 3');
    // A fourth dot: the server refuses it and she is told why.
    await paolaVote.addDot(OBIETTIVI[2] as string);
    await expect
      .poll(() => paolaVote.error().textContent())
      .toContain('Hai già usato tutti i tuoi 3 punti');
    expect(await paolaVote.used()).toContain('Hai usato 3 punti su 3');
    // Keyboard: focus the − of a card and press Enter; the dot moves back into her budget.
    await paolaVote
      .ballot()
      .getByRole('button', { name: `Togli un punto da «${OBIETTIVI[1]}»` })
      .focus();
    await paola.page.keyboard.press('Enter');
    await expect.poll(() => paolaVote.used()).toContain('Hai usato 2 punti su 3');
    await paolaVote.addDot(OBIETTIVI[1] as string);
    await expect.poll(() => paolaVote.used()).toContain('Hai usato 3 punti su 3');
    expect(await paolaVote.voteCard(solitudine).getAttribute('data-mine')).toBe('2');

    // Luca, from the same link, has his own 3 dots, and sees none of Paola's.
    const lucaVote = new VotePanel(luca.page);
    await lucaVote.waitForBallot();
    expect(await lucaVote.used()).toContain('Hai usato 0 punti su 3');
    for (const id of ids) {
      expect(await lucaVote.voteCard(id).getAttribute('data-mine')).toBe('0');
    }
    for (let i = 0; i < 3; i++) await lucaVote.addDot(OBIETTIVI[2] as string);
    await expect.poll(() => lucaVote.used()).toContain('Hai usato 3 punti su 3');

    // A second tab of Paola's is the same person: the same ballot, no fresh budget.
    const paolaTab = await paola.context.newPage();
    await paolaTab.goto(`/b/${paolaBoard.boardId}`);
    const paolaTabVote = new VotePanel(paolaTab);
    await paolaTabVote.waitForBallot();
    expect(await paolaTabVote.used()).toContain('Hai usato 3 punti su 3');
    await paolaTabVote.addDot(OBIETTIVI[2] as string);
    await expect
      .poll(() => paolaTabVote.error().textContent())
      .toContain('Hai già usato tutti i tuoi 3 punti');
    await paolaTab.close();

    // The osservatore is told a vote is running, with nothing to press.
    await osvaldo.page.getByTestId('vote-watching').waitFor();
    expect(await osvaldo.page.getByTestId('vote-ballot').count()).toBe(0);
    expect(await osvaldo.page.getByTestId('vote-new').count()).toBe(0);
    expect(await osvaldo.page.getByTestId('vote-manage').count()).toBe(0);

    // Before the reveal: no tally and no badge anywhere; each page held only its own ballot.
    for (const page of [paola.page, luca.page, fabio.page, osvaldo.page]) {
      expect(await page.getByTestId('vote-results').count()).toBe(0);
      expect(await page.getByTestId('card-dots').count()).toBe(0);
    }
    await expect.poll(() => fabioVote.turnout()).toBe('Hanno votato 2 persone.');
    expect(lucaBallots.length).toBeGreaterThan(0);
    for (const seen of lucaBallots) expect(Object.keys(seen.dots)).not.toContain(solitudine);
    for (const seen of lucaBallots) expect(Object.keys(seen.dots)).not.toContain(caregiver);
    for (const seen of paolaBallots) expect(Object.keys(seen.dots)).not.toContain(quartieri);

    // Fabio reveals: everyone sees the totals, most dots first, and the ballots close.
    await fabioVote.reveal();
    const expected: [string, number][] = [
      [quartieri, 3],
      [solitudine, 2],
      [caregiver, 1],
    ];
    const osvaldoVote = new VotePanel(osvaldo.page);
    for (const vote of [paolaVote, lucaVote, fabioVote, osvaldoVote]) {
      await vote.results().waitFor();
      expect(await vote.resultDots()).toEqual(expected);
      await expect
        .poll(() => vote.results().getByTestId('vote-results-voters').textContent())
        .toContain('2 persone hanno votato');
      expect(await vote.ballot().count()).toBe(0);
    }
    // …and the dots show on the cards.
    await expect
      .poll(() =>
        lucaBoard.page
          .locator(`[data-testid="card"][data-card-id="${solitudine}"] [data-testid="card-dots"]`)
          .getAttribute('data-dots'),
      )
      .toBe('2');
    expect(await osvaldo.page.getByTestId('vote-watching').count()).toBe(0);
    expect(await seriousA11yFindings(luca.page)).toEqual([]);
    // On the canvas too.
    await fabioBoard.showView('canvas');
    await expect
      .poll(() =>
        fabio.page
          .locator(
            `[data-testid="canvas-card"][data-card-id="${quartieri}"] [data-testid="card-dots"]`,
          )
          .getAttribute('data-dots'),
      )
      .toBe('3');

    // (Chromium logs each refused request, here the over-budget dots, as a console error.)
    const refusedDot = /status of 409/;
    trama.expectCleanPages([REFUSED_WEBSOCKET, refusedDot]);
  });

  test('a cancelled vote closes every ballot and leaves no result', async () => {
    const fabio = await trama.person();
    const { percorso } = await PercorsoHomePage.create(fabio.page, {
      title: 'Piano di Zona 2026 – Area minori',
      ente: 'Comune di Bergamo',
    });
    await percorso.createSnodo('Tavolo minori');
    const invite = await percorso.invite('partecipante', 'Tavolo minori', 'Partecipanti minori');
    await percorso.snodoLink('Tavolo minori').click();
    const fabioBoard = new BoardPage(fabio.page);
    await fabioBoard.waitForStatus('connected');
    await fabioBoard.showView('outline');
    const card = await fabioBoard.addCard('obiettivo');
    await card.setTitle('Spazi per i ragazzi');

    const carla = await trama.person();
    await joinTavolo(carla.page, invite.link, { name: 'Carla', ente: 'Oratorio' });
    const fabioVote = new VotePanel(fabio.page);
    await fabioVote.open({ titolo: 'Prova', budget: 2 });
    const carlaVote = new VotePanel(carla.page);
    await carlaVote.waitForBallot();
    await carlaVote.addDot('Spazi per i ragazzi');
    await expect.poll(() => carlaVote.used()).toContain('Hai usato 1 punto su 2');

    await fabio.page.getByTestId('vote-cancel').click();
    const dialog = fabio.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Annulla la votazione' }).click();
    await carlaVote.ballot().waitFor({ state: 'detached' });
    await fabio.page.getByTestId('vote-new').waitFor();
    expect(await carla.page.getByTestId('vote-results').count()).toBe(0);
    expect(await carla.page.getByTestId('card-dots').count()).toBe(0);
  });
});
