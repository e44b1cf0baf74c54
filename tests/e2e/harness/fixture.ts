/**
 * What a browser test file shares: one built server and one Chromium for the file, and the
 * people (each a browser context) a test brings in, who leave after each test.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, Participant } from './browser.js';
import { TramaServer } from './server.js';

export interface TramaFixture {
  /** The server (started in `beforeAll`). */
  readonly server: TramaServer;
  readonly browser: Browser;
  /** Everyone who joined in the current test. */
  readonly people: readonly Participant[];
  /** A new person in their own browser context; they leave after the test. */
  person(): Promise<Participant>;
  /**
   * No console error or uncaught exception (minus `allowed`) on anyone's page, and no request
   * left this machine.
   */
  expectCleanPages(allowed?: readonly RegExp[]): void;
}

/** Call at the top of a test file: registers the hooks that start and stop everything. */
export function tramaFixture(): TramaFixture {
  let server: TramaServer | undefined;
  let browser: Browser | undefined;
  let people: Participant[] = [];

  beforeAll(async () => {
    server = await TramaServer.start();
    browser = await launchBrowser();
  });

  afterEach(async () => {
    await Promise.all(people.map((someone) => someone.leave()));
    people = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the e2e fixture starts in beforeAll');
    return value;
  };

  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get people() {
      return people;
    },
    async person() {
      const someone = await Participant.join(started(browser), started(server).url);
      people.push(someone);
      return someone;
    },
    expectCleanPages(allowed = []) {
      for (const someone of people) {
        expect(someone.consoleErrors(allowed)).toEqual([]);
        expect(someone.requestsLeavingTheMachine()).toEqual([]);
      }
    },
  };
}
