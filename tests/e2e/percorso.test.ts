/**
 * Issue #5: the percorso and its people. A facilitatore creates a percorso and two tavoli and
 * fills step 2; a partecipante joins from the invite link in another browser context and edits
 * their tavolo; an osservatore (joining with the short code) sees the edit and has no editing
 * controls. Each person is a separate browser context, so all they share went through the
 * server. axe-core finds nothing serious or critical on the setup, invite and join pages.
 */
import { describe, expect, test } from 'vitest';
import { seriousA11yFindings } from './harness/axe.js';
import { REFUSED_WEBSOCKET } from './harness/browser.js';
import { tramaFixture } from './harness/fixture.js';
import { BoardPage } from './harness/pages.js';
import { JoinPage, joinTavolo, PercorsoHomePage } from './harness/percorsoPages.js';

const trama = tramaFixture();

/** Fabio sets up a percorso with two tavoli and writes the general objective (step 2). */
async function facilitatorSetsUp() {
  const fabio = await trama.person();
  await fabio.page.goto('/');
  await fabio.page.getByTestId('create-percorso').waitFor();
  expect(await seriousA11yFindings(fabio.page)).toEqual([]);

  const { percorso, secretLink } = await PercorsoHomePage.create(fabio.page, {
    title: 'Piano di Zona 2026 – Area anziani',
    ente: 'Comune di Bergamo',
    ambito: 'Ambito territoriale di Bergamo',
  });
  // The secret link carries its token in the fragment, never in the path or query.
  expect(secretLink).toMatch(/\/p\/[A-Za-z0-9_-]+#t=\S+$/);
  // …and the address bar no longer shows it.
  expect(fabio.page.url()).not.toContain('#t=');

  await percorso.createSnodo('Tavolo anziani e fragilità');
  await percorso.createSnodo('Tavolo caregiver', 'tavolo');
  await expect.poll(() => fabio.page.getByTestId('snodo-link').count()).toBe(2);

  await percorso.typeIn('obiettivoGenerale', 'Ridurre la solitudine degli anziani soli.');
  return { fabio, percorso, secretLink };
}

describe('a percorso and its people', () => {
  test('setup, invites by link and code, roles enforced in the browser', {
    timeout: 120_000,
  }, async () => {
    const { fabio, percorso } = await facilitatorSetsUp();

    const partInvite = await percorso.invite(
      'partecipante',
      'Tavolo anziani e fragilità',
      'Partecipanti tavolo anziani',
    );
    const obsInvite = await percorso.invite(
      'osservatore',
      'Tavolo anziani e fragilità',
      'Osservatori tavolo anziani',
    );
    expect(partInvite.link).toMatch(/\/b\/[A-Za-z0-9_-]+#t=\S+$/);
    expect(obsInvite.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // The setup page with its invites panel and QR codes.
    expect(await seriousA11yFindings(fabio.page)).toEqual([]);

    // Paola follows the invite link in her own browser, says who she is, lands on her tavolo.
    const paola = await trama.person();
    await paola.page.goto(partInvite.link);
    const paolaJoin = new JoinPage(paola.page);
    await paolaJoin.waitForForm();
    await expect.poll(() => paola.page.getByTestId('join-role').textContent()).toBe('partecipante');
    expect(await seriousA11yFindings(paola.page)).toEqual([]);
    await paolaJoin.fill({ name: 'Paola', ente: 'Cooperativa Il Sole' });
    await paolaJoin.submit();
    const paolaBoard = new BoardPage(paola.page);
    await paolaBoard.waitForStatus('connected');
    expect(paola.page.url()).not.toContain('#t=');
    await paolaBoard.showView('outline');
    const card = await paolaBoard.addCard('esigenza');
    await card.setTitle('Anziani soli nei quartieri periferici');
    await card.typeIn('personale', 'Vivono soli dopo la vedovanza.');

    // Osvaldo types the short code at /j, joins as osservatore, sees Paola's edit, edits nothing.
    const osvaldo = await trama.person();
    const osvaldoJoin = await JoinPage.withCode(osvaldo.page, obsInvite.code.toLowerCase());
    expect(await seriousA11yFindings(osvaldo.page)).toEqual([]);
    await osvaldoJoin.fill({ name: 'Osvaldo', ente: 'Regione Lombardia' });
    await osvaldoJoin.submit();
    const osvaldoBoard = new BoardPage(osvaldo.page);
    await osvaldoBoard.waitForStatus('connected');
    await osvaldoBoard.showView('outline');
    const seen = await osvaldoBoard.card(card.id);
    // (read-only editors are contenteditable="false", which Card.waitForText does not match)
    await seen.root
      .locator('[data-field="personale"] [contenteditable]', {
        hasText: 'Vivono soli dopo la vedovanza.',
      })
      .waitFor();
    await expect
      .poll(() => seen.title().inputValue())
      .toBe('Anziani soli nei quartieri periferici');
    expect(await osvaldo.page.getByTestId('add-card').count()).toBe(0);
    expect(await osvaldo.page.locator('[contenteditable="true"]').count()).toBe(0);
    expect(await seen.title().isEditable()).toBe(false);
    // Paola's name and ente from the join form show in presence.
    await osvaldoBoard.waitForParticipant('Paola');

    // The facilitatore sees who joined with each invite.
    await percorso.waitForJoined(partInvite.id, 'Paola');
    await percorso.waitForJoined(obsInvite.id, 'Osvaldo');

    // Back home, the facilitatore finds the percorso again on this device.
    await fabio.page.goto('/');
    await fabio.page
      .getByTestId('recent-percorsi')
      .getByRole('link', { name: 'Piano di Zona 2026 – Area anziani' })
      .waitFor();

    trama.expectCleanPages([REFUSED_WEBSOCKET]);
  });

  test('a partecipante reads the percorso but cannot edit it; revoking an invite closes the board', async () => {
    const { percorso } = await facilitatorSetsUp();
    const invite = await percorso.invite('partecipante', 'Tavolo caregiver', 'Caregiver');

    const carla = await trama.person();
    const board = await joinTavolo(carla.page, invite.link, {
      name: 'Carla',
      ente: 'Associazione Caregiver',
    });

    // Her percorso home: step 2 as the facilitatore wrote it, read-only, no setup controls.
    await carla.page.goto(`/p/${percorso.percorsoId}`);
    const carlaPercorso = new PercorsoHomePage(carla.page);
    await carlaPercorso.waitUntilReady();
    await carlaPercorso.waitForText('obiettivoGenerale', 'Ridurre la solitudine');
    expect(
      await carla.page.locator('[data-testid="percorso"] [contenteditable="true"]').count(),
    ).toBe(0);
    expect(await carla.page.getByTestId('add-snodo').count()).toBe(0);
    expect(await carla.page.getByTestId('invite-form').count()).toBe(0);
    await expect
      .poll(() => carla.page.getByTestId('percorso-role').textContent())
      .toContain('partecipante');

    // Back on her tavolo, the facilitatore revokes her invite: the server closes the board.
    await carlaPercorso.snodoLink('Tavolo caregiver').click();
    await board.waitForStatus('connected');
    await percorso.revoke(invite.id);
    const notice = carla.page.locator('[data-testid="access-notice"][data-reason="refused"]');
    await notice.waitFor();
    // …with a way to join again.
    await notice.getByRole('link', { name: 'Entra con un codice o un link' }).waitFor();
  });
});
