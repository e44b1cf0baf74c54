/**
 * Page objects: tests read as what a participant does ("add an esigenza, write in Livello
 * personale") rather than as selectors. Every wait is on an element or a state, never a sleep.
 */
import type { Locator, Page } from 'playwright-core';

export type CardKind = 'esigenza' | 'obiettivo' | 'lineaStrategica';
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'rejected';

const TIMEOUT = 15_000;

export class HomePage {
  constructor(readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/');
    await this.page.getByTestId('create-board').waitFor({ timeout: TIMEOUT });
    return this;
  }

  /** Fills in the optional tavolo name and creates a board; lands on it once connected. */
  async createBoard(title = ''): Promise<BoardPage> {
    const form = this.page.getByTestId('create-board');
    if (title !== '') await form.getByRole('textbox').fill(title);
    await form.getByRole('button').click();
    await this.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/, { timeout: TIMEOUT });
    const board = new BoardPage(this.page);
    await board.waitForStatus('connected');
    await board.showView('outline');
    return board;
  }

  /** Pastes a board's id or link into "Apri una bacheca". */
  async openBoard(reference: string): Promise<BoardPage> {
    const form = this.page.getByTestId('open-board');
    await form.getByRole('textbox').fill(reference);
    await form.getByRole('button').click();
    await this.page.waitForURL(/\/b\/[A-Za-z0-9_-]+$/, { timeout: TIMEOUT });
    const board = new BoardPage(this.page);
    await board.waitForStatus('connected');
    await board.showView('outline');
    return board;
  }
}

/**
 * A shared link is an invite (issue #5): the first time a browser opens it, the join form
 * asks who is joining. Fills it with a neutral identity (tests rename people afterwards).
 */
export async function passJoinFormIfAsked(
  page: Page,
  person: { name: string; ente: string } = { name: 'Partecipante', ente: 'Ente' },
): Promise<void> {
  const form = page.getByTestId('join-form');
  const connected = page.locator('[data-testid="connection-status"][data-status="connected"]');
  await form.or(connected).first().waitFor({ timeout: TIMEOUT });
  if (!(await form.isVisible())) return;
  await page.getByTestId('join-name').fill(person.name);
  await page.getByTestId('join-ente').fill(person.ente);
  await page.getByTestId('join-submit').click();
}

export class BoardPage {
  constructor(readonly page: Page) {}

  /** Opens a board by its URL, as when following a shared link. */
  static async visit(page: Page, url: string): Promise<BoardPage> {
    await page.goto(url);
    await passJoinFormIfAsked(page);
    const board = new BoardPage(page);
    await board.waitForStatus('connected');
    await board.showView('outline');
    return board;
  }

  /**
   * The board has two views of the same document: the canvas (default on wide screens) and
   * the outline (a linear document; these page objects' sections and cards live there).
   * The choice is remembered on the device, so a reload keeps it.
   */
  async showView(view: 'canvas' | 'outline'): Promise<void> {
    const button = this.page.getByTestId(`view-${view}`);
    await button.waitFor({ timeout: TIMEOUT });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await this.page
      .getByTestId(view === 'canvas' ? 'canvas' : 'outline')
      .waitFor({ timeout: TIMEOUT });
  }

  /** Opens "Tu e la bacheca" (name, ente, link) if it is closed. */
  async openSettings(): Promise<void> {
    const details = this.page.locator('details.board__settings');
    if ((await details.getAttribute('open')) === null) {
      await details.locator('summary').click();
    }
  }

  get boardId(): string {
    const match = /\/b\/([^/?#]+)/.exec(this.page.url());
    if (match?.[1] === undefined) throw new Error(`not on a board: ${this.page.url()}`);
    return decodeURIComponent(match[1]);
  }

  async shareUrl(): Promise<string> {
    return this.page.getByTestId('share-url').inputValue();
  }

  connection(): Locator {
    return this.page.getByTestId('connection-status');
  }

  async waitForStatus(status: ConnectionStatus): Promise<void> {
    await this.page
      .locator(`[data-testid="connection-status"][data-status="${status}"]`)
      .waitFor({ timeout: TIMEOUT });
  }

  /** Waits until the indicator shows anything but "connected" (e.g. the server went away). */
  async waitForDisconnected(): Promise<ConnectionStatus> {
    await this.page
      .locator('[data-testid="connection-status"]:not([data-status="connected"])')
      .waitFor({ timeout: TIMEOUT });
    return (await this.connection().getAttribute('data-status')) as ConnectionStatus;
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForStatus('connected');
  }

  section(kind: CardKind): Locator {
    return this.page.getByTestId(`section-${kind}`);
  }

  /** Clicks the section's add button; the new card's title gets focus. */
  async addCard(kind: CardKind): Promise<Card> {
    await this.addButton(kind).click();
    const focused = this.section(kind).locator('[data-testid="card"]:focus-within');
    await focused.waitFor({ timeout: TIMEOUT });
    const id = await focused.getAttribute('data-card-id');
    if (id === null) throw new Error('new card has no id');
    return new Card(this.page, id);
  }

  /** A card by id, once it is on this page (e.g. added by someone else). */
  async card(id: string): Promise<Card> {
    const card = new Card(this.page, id);
    await card.root.waitFor({ timeout: TIMEOUT });
    return card;
  }

  cards(kind: CardKind): Locator {
    return this.section(kind).getByTestId('card');
  }

  async setDisplayName(name: string): Promise<void> {
    await this.openSettings();
    await this.page.getByTestId('display-name').fill(name);
  }

  async setEnte(ente: string): Promise<void> {
    await this.openSettings();
    await this.page.getByTestId('display-ente').fill(ente);
  }

  presence(): Locator {
    return this.page.getByTestId('presence');
  }

  /** Waits until the presence list names this person. */
  async waitForParticipant(name: string): Promise<void> {
    await this.presence()
      .getByRole('listitem')
      .filter({ hasText: name })
      .waitFor({ timeout: TIMEOUT });
  }

  async participantNames(): Promise<string[]> {
    return this.presence().getByTestId('participant-name').allTextContents();
  }

  async chooseLanguage(language: 'it' | 'en'): Promise<void> {
    await this.page.getByTestId('language').selectOption(language);
    await this.page.locator(`html[lang="${language}"]`).waitFor({ timeout: TIMEOUT });
  }

  sectionHeading(kind: CardKind): Locator {
    return this.section(kind).getByRole('heading', { level: 2 });
  }

  addButton(kind: CardKind): Locator {
    return this.section(kind).getByTestId('add-card');
  }
}

export class Card {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly id: string,
  ) {
    this.root = page.locator(`[data-testid="card"][data-card-id="${id}"]`);
  }

  title(): Locator {
    return this.root.getByTestId('card-title');
  }

  async setTitle(title: string): Promise<void> {
    await this.title().fill(title);
  }

  /** The editor of a rich-text field, by its stable id (`personale`, `enunciato`, …). */
  field(field: string): Locator {
    return this.root.locator(`[data-field="${field}"] [contenteditable="true"]`);
  }

  /** Clicks at the end of a field and types, like a person would. */
  async typeIn(field: string, text: string): Promise<void> {
    const editor = this.field(field);
    await editor.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  /** Waits until the field contains `text` (e.g. typed by someone else). */
  async waitForText(field: string, text: string): Promise<void> {
    await this.root
      .locator(`[data-field="${field}"] [contenteditable="true"]`, { hasText: text })
      .waitFor({ timeout: TIMEOUT });
  }

  /** The field's text as written, without the others' caret labels drawn inside it. */
  async text(field: string): Promise<string> {
    return this.field(field).evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return copy.textContent ?? '';
    });
  }

  /** Another participant's caret in this card, with their name on it. */
  caretOf(name: string): Locator {
    return this.root.locator('.collab-caret__label', { hasText: name });
  }

  /** Deletes the card through its confirmation dialog. */
  async delete(): Promise<void> {
    await this.root.getByTestId('delete-card').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor({ timeout: TIMEOUT });
    await dialog.getByTestId('confirm').click();
    await this.root.waitFor({ state: 'detached', timeout: TIMEOUT });
  }
}
