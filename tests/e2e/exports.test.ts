/**
 * Issue #7: outputs from the UI. A referente joins a tavolo, opens and closes a session,
 * downloads the scheda as Word and CSV and the board image as PNG, names a snapshot and
 * compares it with today; the facilitator downloads the documento istruttorio di sintesi
 * from the percorso home. Each person is a separate browser context.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { tramaFixture } from './harness/fixture.js';
import { JoinPage, joinTavolo } from './harness/percorsoPages.js';

const trama = tramaFixture();

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${trama.server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function downloadOf(page: Page, testId: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return download;
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}

describe('outputs from the UI', () => {
  test('a referente exports, runs a session and takes a snapshot; the facilitator gets the sintesi', {
    timeout: 120_000,
  }, async () => {
    const tavolo = await api<{ percorsoId: string; boardId: string; token: string }>(
      '/api/tavoli',
      {
        title: 'Tavolo anziani',
      },
    );
    const invite = await api<{ link: string }>(
      `/api/percorsi/${tavolo.percorsoId}/invites`,
      { role: 'referente', boardId: tavolo.boardId, expiresInHours: 24 },
      tavolo.token,
    );

    const marco = await trama.person();
    await joinTavolo(marco.page, invite.link, { name: 'Marco Bianchi', ente: 'Cooperativa Sole' });
    const page = marco.page;

    await page.getByTestId('export-menu-toggle').click();
    await page.getByTestId('session-open').click();
    await expect
      .poll(() => page.getByTestId('export-status').textContent())
      .toContain('Sessione 1 aperta');

    const docx = await downloadOf(page, 'export-docx');
    expect(docx.suggestedFilename()).toBe('tavolo-anziani.docx');
    expect((await bytesOf(docx)).subarray(0, 2).toString()).toBe('PK');
    const csv = await downloadOf(page, 'export-csv');
    expect((await bytesOf(csv)).toString('utf8')).toContain('id,tipo,corsia,numero,titolo');
    const png = await downloadOf(page, 'export-png');
    expect((await bytesOf(png)).subarray(1, 4).toString()).toBe('PNG');

    await page.getByTestId('session-close').click();
    await expect
      .poll(() => page.getByTestId('export-status').textContent())
      .toContain('Sessione 1 chiusa');

    await page.getByTestId('snapshots-toggle').click();
    await page.getByTestId('snapshot-name').fill('Sessione 2 — 14 marzo');
    await page.getByTestId('snapshot-take').click();
    const list = page.getByTestId('snapshot-list');
    await expect.poll(() => list.textContent()).toContain('Sessione 2 — 14 marzo');
    // The automatic snapshot of "chiudi sessione" is there too.
    await expect.poll(() => list.locator('li').count()).toBe(2);
    await list.getByTestId('snapshot-compare').first().click();
    await expect
      .poll(() => page.getByTestId('snapshot-diff').textContent())
      .toContain('Nessuna modifica');

    const fabio = await trama.person();
    await fabio.page.goto(`/p/${tavolo.percorsoId}#t=${tavolo.token}`);
    // Whoever arrives with a link says who they are first.
    const join = new JoinPage(fabio.page);
    await join.waitForForm();
    await join.fill({ name: 'Fabio Neri', ente: 'Comune di Lodi' });
    await join.submit();
    await fabio.page.getByTestId('sintesi-docx').waitFor();
    const sintesi = await downloadOf(fabio.page, 'sintesi-docx');
    expect(sintesi.suggestedFilename()).toBe('sintesi-tavolo-anziani.docx');
    expect((await bytesOf(sintesi)).byteLength).toBeGreaterThan(5000);

    expect(marco.requestsLeavingTheMachine()).toEqual([]);
  });
});
