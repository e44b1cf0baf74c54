/**
 * Page objects for issue #5: the home page's "Nuovo percorso", the percorso home (steps 1–6,
 * snodi, invites), and joining from an invite link or code. Waits are on elements, never sleeps.
 */
import type { Locator, Page } from 'playwright-core';
import { BoardPage } from './pages.js';

const TIMEOUT = 15_000;

export interface Invite {
  readonly id: string;
  readonly link: string;
  readonly code: string;
}

export class PercorsoHomePage {
  constructor(readonly page: Page) {}

  /** From `/`: creates a percorso; returns the facilitator's secret link shown once. */
  static async create(
    page: Page,
    fields: { title: string; ente: string; ambito?: string },
  ): Promise<{ percorso: PercorsoHomePage; secretLink: string }> {
    await page.goto('/');
    const form = page.getByTestId('create-percorso');
    await form.waitFor({ timeout: TIMEOUT });
    await form.getByTestId('percorso-title-input').fill(fields.title);
    await form.getByTestId('percorso-ente-input').fill(fields.ente);
    if (fields.ambito !== undefined) {
      await form.getByLabel(/Ambito/).fill(fields.ambito);
    }
    await form.getByRole('button').click();
    const secret = page.getByTestId('secret-link-url');
    await secret.waitFor({ timeout: TIMEOUT });
    const secretLink = await secret.inputValue();
    await page.getByTestId('open-percorso').click();
    await page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/, { timeout: TIMEOUT });
    const percorso = new PercorsoHomePage(page);
    await percorso.waitUntilReady();
    return { percorso, secretLink };
  }

  async waitUntilReady(): Promise<void> {
    await this.page
      .locator('[data-testid="connection-status"][data-status="connected"]')
      .waitFor({ timeout: TIMEOUT });
    await this.page.getByTestId('step-obiettivoGenerale').waitFor({ timeout: TIMEOUT });
  }

  get percorsoId(): string {
    const match = /\/p\/([^/?#]+)/.exec(this.page.url());
    if (match?.[1] === undefined) throw new Error(`not on a percorso: ${this.page.url()}`);
    return match[1];
  }

  /** Creates a snodo from step 5; resolves once its board link is listed. */
  async createSnodo(titolo: string, tipo: 'tavolo' | 'laboratorio' | 'gruppoDiLavoro' = 'tavolo') {
    const form = this.page.getByTestId('add-snodo');
    await form.getByTestId('snodo-tipo').selectOption(tipo);
    await form.getByRole('textbox').fill(titolo);
    await form.getByRole('button').click();
    await this.snodoLink(titolo).waitFor({ timeout: TIMEOUT });
  }

  snodoLink(titolo: string): Locator {
    return this.page.getByTestId('snodi').getByTestId('snodo-link').filter({ hasText: titolo });
  }

  /** The rich-text editor of a percorso field (`obiettivoGenerale`, `visione`, …). */
  field(field: string): Locator {
    return this.page.locator(`[data-testid="percorso-field-${field}"] [contenteditable]`);
  }

  async typeIn(field: string, text: string): Promise<void> {
    const editor = this.field(field);
    await editor.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  async waitForText(field: string, text: string): Promise<void> {
    await this.page
      .locator(`[data-testid="percorso-field-${field}"] [contenteditable]`, { hasText: text })
      .waitFor({ timeout: TIMEOUT });
  }

  /** Mints an invite from the invites panel; returns its absolute link and short code. */
  async invite(
    role: 'referente' | 'partecipante' | 'osservatore' | 'proiettore',
    snodo: string | null,
    label: string,
  ): Promise<Invite> {
    const form = this.page.getByTestId('invite-form');
    await form.getByTestId('invite-role').selectOption(role);
    if (snodo !== null) await form.getByTestId('invite-board').selectOption({ label: snodo });
    await form.getByLabel(/Etichetta/).fill(label);
    await form.getByTestId('invite-create').click();
    const item = this.page.getByTestId('invite').filter({ hasText: label });
    await item.getByTestId('qr').waitFor({ timeout: TIMEOUT });
    const id = await item.getAttribute('data-invite-id');
    if (id === null) throw new Error('invite without id');
    return {
      id,
      link: await item.getByTestId('invite-link').inputValue(),
      code: (await item.getByTestId('invite-code').textContent()) ?? '',
    };
  }

  inviteItem(id: string): Locator {
    return this.page.locator(`[data-testid="invite"][data-invite-id="${id}"]`);
  }

  /** Opens an invite's details (link, code, QR, who joined) if they are closed. */
  async openInvite(inviteId: string): Promise<Locator> {
    const item = this.inviteItem(inviteId);
    if ((await item.locator('details').getAttribute('open')) === null) {
      await item.locator('summary').click();
    }
    return item;
  }

  /** Refreshes the invites list until `name` shows among who joined with the invite. */
  async waitForJoined(inviteId: string, name: string): Promise<void> {
    await this.openInvite(inviteId);
    const joined = this.inviteItem(inviteId).getByTestId('invite-joined').filter({ hasText: name });
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.page.getByTestId('invites-refresh').click();
      try {
        await joined.waitFor({ timeout: 1500 });
        return;
      } catch {
        // not there yet: refresh again
      }
    }
    await joined.waitFor({ timeout: TIMEOUT });
  }

  async revoke(inviteId: string): Promise<void> {
    const item = await this.openInvite(inviteId);
    await item.getByTestId('invite-revoke').click();
    await item.getByTestId('invite-revoke-confirm').click();
    await this.page
      .locator(`[data-testid="invite"][data-invite-id="${inviteId}"][data-state="revoked"]`)
      .waitFor({ timeout: TIMEOUT });
  }
}

/** The join form (after an invite link or `/j/<code>`). */
export class JoinPage {
  constructor(readonly page: Page) {}

  form(): Locator {
    return this.page.getByTestId('join-form');
  }

  async waitForForm(): Promise<void> {
    await this.form().waitFor({ timeout: TIMEOUT });
  }

  async fill(person: { name: string; ente: string; email?: string }): Promise<void> {
    await this.page.getByTestId('join-name').fill(person.name);
    await this.page.getByTestId('join-ente').fill(person.ente);
    if (person.email !== undefined) await this.page.getByTestId('join-email').fill(person.email);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('join-submit').click();
  }

  /** Types a code at `/j`; the form of that invite shows. */
  static async withCode(page: Page, code: string): Promise<JoinPage> {
    await page.goto('/j');
    await page.getByTestId('join-code').fill(code);
    await page.getByTestId('join-code-form').getByRole('button').click();
    const join = new JoinPage(page);
    await join.waitForForm();
    return join;
  }
}

/** Follows an invite link to a tavolo, joins as `person`, and waits for the board. */
export async function joinTavolo(
  page: Page,
  link: string,
  person: { name: string; ente: string },
): Promise<BoardPage> {
  await page.goto(link);
  const join = new JoinPage(page);
  await join.waitForForm();
  await join.fill(person);
  await join.submit();
  const board = new BoardPage(page);
  await board.waitForStatus('connected');
  return board;
}

/**
 * After opening a board from a link or code: if the join form shows (an invite this device
 * has not used yet), says who this is; then waits for the board, connected.
 */
export async function passJoinGate(
  page: Page,
  person: { name: string; ente: string },
): Promise<BoardPage> {
  const form = page.getByTestId('join-form');
  const connected = page.locator('[data-testid="connection-status"][data-status="connected"]');
  await form.or(connected).first().waitFor({ timeout: TIMEOUT });
  if (await form.isVisible()) {
    const join = new JoinPage(page);
    await join.fill(person);
    await join.submit();
  }
  const board = new BoardPage(page);
  await board.waitForStatus('connected');
  return board;
}

/** Pastes a link or code into "Entra con un codice" on the home page, then joins if asked. */
export async function openFromHome(
  page: Page,
  reference: string,
  person: { name: string; ente: string },
): Promise<BoardPage> {
  await page.goto('/');
  const form = page.getByTestId('open-board');
  await form.getByRole('textbox').fill(reference);
  await form.getByRole('button').click();
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/, { timeout: TIMEOUT });
  return passJoinGate(page, person);
}
