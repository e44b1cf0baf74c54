/**
 * Page objects for issue #6, plenary facilitation: the facilitator's *Plenaria* console on the
 * percorso page, the projector wall, and the timer as any page shows it.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';

const TIMEOUT = 15_000;

/** Makes every page of a context believe its clock is `skewMs` off (Date only). */
export async function skewClock(context: BrowserContext, skewMs: number): Promise<void> {
  await context.addInitScript((skew: number) => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + skew);
        // biome-ignore lint/suspicious/noExplicitAny: forwarding Date's overloads
        else super(...(args as [any]));
      }
      static override now(): number {
        return RealDate.now() + skew;
      }
    }
    (window as unknown as { Date: DateConstructor }).Date = SkewedDate as DateConstructor;
  }, skewMs);
}

/** The shared timer as a page shows it: phase and whole seconds left. */
export async function timerOn(page: Page): Promise<{ phase: string; seconds: number } | null> {
  const timer = page.getByTestId('plenary-timer').first();
  if ((await timer.count()) === 0) return null;
  const [phase, seconds] = await Promise.all([
    timer.getAttribute('data-phase'),
    timer.getAttribute('data-seconds'),
  ]);
  return { phase: phase ?? '', seconds: Number(seconds) };
}

export async function waitForTimer(page: Page, phase: string): Promise<void> {
  await page
    .locator(`[data-testid="plenary-timer"][data-phase="${phase}"]`)
    .first()
    .waitFor({ timeout: TIMEOUT });
}

export class PlenaryConsole {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('plenary-console');
  }

  /** Mints a proiettore invite if needed; returns the projector's own link. */
  async projectorLink(): Promise<string> {
    const mint = this.root.getByTestId('mint-projector');
    const link = this.root.getByTestId('projector-link');
    await mint.or(link).first().waitFor({ timeout: TIMEOUT });
    if (await mint.isVisible()) await mint.click();
    await link.waitFor({ timeout: TIMEOUT });
    return link.inputValue();
  }

  async showStep(step: number): Promise<void> {
    await this.root.getByTestId('focus-step-select').selectOption(String(step));
    await this.root.getByTestId('focus-step').click();
  }

  async showSnodo(titolo: string): Promise<void> {
    await this.root.getByTestId('focus-snodo-select').selectOption({ label: titolo });
    await this.root.getByTestId('focus-snodo').click();
  }

  async showConfronto(spotlight: string | null): Promise<void> {
    const select = this.root.getByTestId('focus-spotlight-select');
    if (spotlight === null) await select.selectOption('');
    else await select.selectOption({ label: `in evidenza: ${spotlight}` });
    await this.root.getByTestId('focus-confronto').click();
  }

  async timer(
    action:
      | 'start-5'
      | 'start-10'
      | 'start-15'
      | 'pause'
      | 'resume'
      | 'add-1'
      | 'add-5'
      | 'end'
      | 'reset',
  ): Promise<void> {
    const button = this.root.getByTestId(`timer-${action}`);
    await button.waitFor({ timeout: TIMEOUT });
    await button.click();
  }

  /** Shows on the wall the invite whose option starts with `label`. */
  async showJoinCode(label: string): Promise<void> {
    await this.root.getByTestId('join-invites-refresh').click();
    const select = this.root.getByTestId('join-invite-select');
    await select.waitFor({ timeout: TIMEOUT });
    const option = select.locator('option', { hasText: label }).first();
    await option.waitFor({ state: 'attached', timeout: TIMEOUT });
    await select.selectOption((await option.getAttribute('value')) ?? '');
    await this.root.getByTestId('join-show').click();
  }
}

export class ProjectorView {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('projector');
  }

  static async open(page: Page, link: string): Promise<ProjectorView> {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(link);
    const view = new ProjectorView(page);
    await view.waitForConnected();
    return view;
  }

  async waitForConnected(): Promise<void> {
    await this.page
      .locator(
        '[data-testid="projector"] [data-testid="connection-status"][data-status="connected"]',
      )
      .waitFor({ timeout: TIMEOUT });
  }

  async waitForFocus(kind: string, extra = ''): Promise<Locator> {
    const focused = this.page.locator(
      `[data-testid="projector"][data-focus-kind="${kind}"]${extra}`,
    );
    await focused.waitFor({ timeout: TIMEOUT });
    return focused;
  }

  /** The smallest computed font size of any visible text on the wall, in px. */
  async smallestText(): Promise<{ px: number; text: string }> {
    return this.page.evaluate(() => {
      let smallest = { px: Number.POSITIVE_INFINITY, text: '' };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text === '' || parent === null) continue;
        if (parent.closest('.visually-hidden') !== null) continue;
        const rect = parent.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const px = Number.parseFloat(getComputedStyle(parent).fontSize);
        if (px < smallest.px) smallest = { px, text };
      }
      return smallest;
    });
  }
}
