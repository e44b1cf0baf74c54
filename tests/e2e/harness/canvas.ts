/**
 * Page objects for the tavolo's canvas: a participant adds cards from the toolbar, opens
 * them, writes in their fields, draws links by dragging from card to card. Every wait is on
 * an element or a state, never a sleep.
 */
import type { Locator, Page } from 'playwright-core';
import { BoardPage, type CardKind } from './pages.js';

const TIMEOUT = 15_000;

export class CanvasBoard extends BoardPage {
  static async on(board: BoardPage): Promise<CanvasBoard> {
    const canvas = new CanvasBoard(board.page);
    await canvas.showView('canvas');
    await canvas.page.locator('[data-testid="canvas"][data-ready]').waitFor({ timeout: TIMEOUT });
    return canvas;
  }

  canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  /** Adds a card from the toolbar; it opens with the caret in its title. */
  async addCanvasCard(kind: CardKind, title = ''): Promise<CanvasCard> {
    await this.page.getByTestId(`toolbar-add-${kind}`).click();
    const opened = this.page.locator(`[data-testid="canvas-card"][data-open][data-kind="${kind}"]`);
    await opened.waitFor({ timeout: TIMEOUT });
    const id = await opened.getAttribute('data-card-id');
    if (id === null) throw new Error('new card has no id');
    const card = new CanvasCard(this.page, id);
    await card.title().and(this.page.locator(':focus')).waitFor({ timeout: TIMEOUT });
    if (title !== '') await this.page.keyboard.type(title);
    return card;
  }

  /** A card by id, once it is on this canvas (e.g. added by someone else). */
  async canvasCard(id: string): Promise<CanvasCard> {
    const card = new CanvasCard(this.page, id);
    await card.root.waitFor({ timeout: TIMEOUT });
    return card;
  }

  cardsOf(kind: CardKind): Locator {
    return this.page.locator(`[data-testid="canvas-card"][data-kind="${kind}"]`);
  }

  /** Draws a link by dragging from `from`'s right handle to `to`'s left handle. */
  async drawLink(from: CanvasCard, to: CanvasCard): Promise<void> {
    const source = this.page.locator(
      `.react-flow__node[data-id="${from.id}"] .react-flow__handle.source`,
    );
    const target = this.page.locator(
      `.react-flow__node[data-id="${to.id}"] .react-flow__handle.target`,
    );
    const a = await this.stableBox(source);
    const b = await this.stableBox(target);
    if (a === null || b === null) throw new Error('handles not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
    await this.link(from.id, to.id).waitFor({ state: 'attached', timeout: TIMEOUT });
  }

  /** An element's box once it stops moving (after a pan or zoom animation), frame by frame. */
  async stableBox(
    locator: Locator,
  ): Promise<{ x: number; y: number; width: number; height: number } | null> {
    let previous = await locator.boundingBox();
    for (let frame = 0; frame < 120; frame++) {
      await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      const next = await locator.boundingBox();
      if (next !== null && previous !== null && next.x === previous.x && next.y === previous.y) {
        return next;
      }
      previous = next;
    }
    return previous;
  }

  /** The edge drawn for a link (upstream → downstream). */
  link(sourceId: string, targetId: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="${sourceId}->${targetId}"]`);
  }

  edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  async fit(): Promise<void> {
    await this.page.getByTestId('fit-view').click();
  }

  remoteCursor(name: string): Locator {
    return this.page.getByTestId('remote-cursor').filter({ hasText: name });
  }
}

export class CanvasCard {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly id: string,
  ) {
    this.root = page.locator(`[data-testid="canvas-card"][data-card-id="${id}"]`);
  }

  node(): Locator {
    return this.page.locator(`.react-flow__node[data-id="${this.id}"]`);
  }

  title(): Locator {
    return this.root.getByTestId('card-title');
  }

  shownTitle(): Locator {
    return this.root.getByTestId('canvas-card-title');
  }

  async isOpen(): Promise<boolean> {
    return (await this.root.getAttribute('data-open')) !== null;
  }

  async open(): Promise<void> {
    if (await this.isOpen()) return;
    await this.root.dblclick({ position: { x: 30, y: 10 } });
    await this.title().waitFor({ timeout: TIMEOUT });
  }

  async close(): Promise<void> {
    if (!(await this.isOpen())) return;
    await this.root.getByTestId('close-card').click();
    await this.shownTitle().waitFor({ timeout: TIMEOUT });
  }

  field(field: string): Locator {
    return this.root.locator(`[data-field="${field}"] .ProseMirror`);
  }

  async typeIn(field: string, text: string): Promise<void> {
    await this.open();
    await this.field(field).click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  async waitForText(field: string, text: string): Promise<void> {
    await this.open();
    await this.root
      .locator(`[data-field="${field}"] .ProseMirror`, { hasText: text })
      .waitFor({ timeout: TIMEOUT });
  }

  /** The field's text without the others' caret labels. */
  async text(field: string): Promise<string> {
    return this.field(field).evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return copy.textContent ?? '';
    });
  }

  hintBadge(): Locator {
    return this.root.getByTestId('card-hint-badge');
  }
}
