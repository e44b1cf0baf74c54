/**
 * Page objects for dot votes (issue #6): the facilitator's "Nuova votazione a punti" form,
 * turnout and reveal; a participant's ballot with + and − per card; the revealed results.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 15_000;

export class VotePanel {
  constructor(readonly page: Page) {}

  /** Opens the form, keeps its defaults (every obiettivo) but for the budget, and submits. */
  async open(options: { budget?: number; titolo?: string } = {}): Promise<void> {
    await this.page.getByTestId('vote-new').click();
    const form = this.page.getByTestId('vote-open-form');
    await form.waitFor({ timeout: TIMEOUT });
    if (options.titolo !== undefined) await form.getByTestId('vote-titolo').fill(options.titolo);
    if (options.budget !== undefined) {
      await form.getByTestId('vote-budget').fill(String(options.budget));
    }
    await form.getByTestId('vote-open-submit').click();
    await this.manage().waitFor({ timeout: TIMEOUT });
  }

  manage(): Locator {
    return this.page.getByTestId('vote-manage');
  }

  ballot(): Locator {
    return this.page.getByTestId('vote-ballot');
  }

  /** Waits for the ballot with the person's own dots loaded. */
  async waitForBallot(): Promise<void> {
    await this.ballot().getByTestId('vote-used').waitFor({ timeout: TIMEOUT });
  }

  voteCard(cardId: string): Locator {
    return this.ballot().locator(`[data-testid="vote-card"][data-card-id="${cardId}"]`);
  }

  /** Presses + on a card (by its accessible name, as a screen reader user would find it). */
  async addDot(title: string): Promise<void> {
    await this.ballot()
      .getByRole('button', { name: `Aggiungi un punto a «${title}»` })
      .click();
  }

  async removeDot(title: string): Promise<void> {
    await this.ballot()
      .getByRole('button', { name: `Togli un punto da «${title}»` })
      .click();
  }

  async used(): Promise<string> {
    return (await this.ballot().getByTestId('vote-used').textContent()) ?? '';
  }

  error(): Locator {
    return this.ballot().getByTestId('vote-error');
  }

  async turnout(): Promise<string> {
    return (await this.page.getByTestId('vote-turnout').textContent()) ?? '';
  }

  async reveal(): Promise<void> {
    await this.page.getByTestId('vote-reveal').click();
  }

  results(): Locator {
    return this.page.getByTestId('vote-results').first();
  }

  /** The revealed tally as shown: card id → dots, in the order listed. */
  async resultDots(): Promise<[string, number][]> {
    const rows = this.results().getByTestId('vote-result');
    await rows.first().waitFor({ timeout: TIMEOUT });
    const out: [string, number][] = [];
    for (const row of await rows.all()) {
      out.push([
        (await row.getAttribute('data-card-id')) ?? '',
        Number(await row.getAttribute('data-dots')),
      ]);
    }
    return out;
  }
}
