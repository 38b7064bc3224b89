import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startDemo, type Demo } from './demo-server.ts';

/**
 * The demo server and Chromium for the tests of one file: started before its tests, stopped after them. Node
 * runs a file's `before` hooks concurrently, so a hook of the file that needs them awaits `ready()` first.
 */
export function demoAndBrowser(): { readonly demo: Demo; readonly browser: Browser; ready(): Promise<void> } {
  let started: Promise<void> | undefined;
  const session = {
    demo: undefined as unknown as Demo,
    browser: undefined as unknown as Browser,
    ready: () =>
      (started ??= (async () => {
        session.demo = await startDemo();
        session.browser = await launchChromium();
      })()),
  };
  before(() => session.ready());
  after(async () => {
    await session.browser?.close();
    await session.demo?.stop();
  });
  return session;
}
