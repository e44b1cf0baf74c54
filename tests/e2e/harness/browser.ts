/**
 * Debian's Chromium driven by playwright-core, launched so that it makes no request beyond
 * loopback (see /work/shared/TOOLCHAIN.md: Chromium's own background traffic).
 */
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Page,
  type WebSocketRoute,
} from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Playwright's own --disable-features list (a second flag would replace it), plus autofill's
// server calls.
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'AutofillServerCommunication',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
      '--gaia-url=http://127.0.0.1:1',
      '--component-updater=url-source=http://127.0.0.1:1/',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
}

/** Chromium's console line for a WebSocket that could not connect (e.g. server restarting). */
export const REFUSED_WEBSOCKET = /WebSocket connection to 'ws:\/\/[^']+\/sync\/[^']+' failed/;

/**
 * One person at the table: their own browser context (own storage, own identity, no shared
 * BroadcastChannel with the others) and a page. Records every console error, uncaught
 * exception and request to another host, so a test can assert there were none.
 */
export class Participant {
  private readonly errors: string[] = [];
  private readonly foreignRequests: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => {
      this.errors.push(`uncaught: ${error.message}`);
    });
    context.on('request', (request) => {
      const url = new URL(request.url());
      const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      if (!local && url.protocol !== 'data:') this.foreignRequests.push(request.url());
    });
  }

  static async join(browser: Browser, baseUrl: string): Promise<Participant> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'it-IT' });
    const page = await context.newPage();
    // An action that cannot happen fails with a message instead of hanging the test.
    page.setDefaultTimeout(15_000);
    return new Participant(context, page);
  }

  /** Console errors so far, minus those matching `allowed` (e.g. refused reconnects). */
  consoleErrors(allowed: readonly RegExp[] = []): string[] {
    return this.errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
  }

  /** Requests the page made to anything but this machine (participants' notes stay here). */
  requestsLeavingTheMachine(): string[] {
    return [...this.foreignRequests];
  }

  private syncBlocked = false;
  private readonly syncSockets = new Set<WebSocketRoute>();

  /**
   * Routes this person's sync WebSockets through the test, so `blockSync` can cut them
   * (call before opening the board). Messages pass through unchanged.
   */
  async interceptSync(): Promise<void> {
    await this.context.routeWebSocket(/\/sync\//, (socket) => {
      if (this.syncBlocked) {
        void socket.close();
        return;
      }
      socket.connectToServer();
      this.syncSockets.add(socket);
    });
  }

  /** Cuts the sync socket and refuses new ones (the page stays "online"): bad wifi. */
  async blockSync(): Promise<void> {
    this.syncBlocked = true;
    const open = [...this.syncSockets];
    this.syncSockets.clear();
    await Promise.all(open.map((socket) => socket.close()));
  }

  unblockSync(): void {
    this.syncBlocked = false;
  }

  /** Simulates losing and regaining the network (navigator.onLine and its events). */
  async setOnline(online: boolean): Promise<void> {
    await this.context.setOffline(!online);
  }

  async leave(): Promise<void> {
    await this.context.close();
  }
}
