// Layout stability gate (issue 10): the demo home page must not shift while it loads and the widgets fill in.
// A PerformanceObserver for `layout-shift` (buffered, so shifts before it ran count too) is installed before
// any page script by addInitScript; every shift without recent input is summed (stricter than CLS's worst
// session window) and the total must be 0. A failure lists the nodes that moved, as selectors through
// shadow roots (Chromium names no node inside a widget's shadow root: "a node in a shadow root"; its rectangle
// before → after still shows which one moved), so the widget or demo CSS that shifts can be found.
// Measured at 1280×900, signed in as u-priya and signed out; and the German page (strings loaded on demand, made
// slow as on a real network) signed in as u-jonas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

interface Shift {
  value: number;
  at: number;
  nodes: string[];
}

/**
 * Runs in the page before its scripts: records every layout shift with the selectors of the moved nodes.
 * Plain JavaScript in a string: tsx would otherwise add `__name(...)` helpers the page does not have.
 */
const OBSERVE_LAYOUT_SHIFTS = `(() => {
  const shifts = [];
  window.__shifts = shifts;
  const selectorOf = (node) => {
    const parts = [];
    let current = node && node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
    if (current !== node) parts.push('#text');
    while (current && current.nodeType === Node.ELEMENT_NODE) {
      let part = current.localName;
      if (current.id) part += '#' + current.id;
      for (const name of ['poll-id', 'group-id', 'topic']) {
        const value = current.getAttribute(name);
        if (value) part += '[' + name + '="' + value + '"]';
      }
      if (current.classList.length) part += '.' + [...current.classList].join('.');
      parts.unshift(part);
      const parent = current.parentNode;
      // Cross shadow roots: continue at the host, marked with ">>>".
      if (parent instanceof ShadowRoot) parts.unshift('>>>');
      current = parent instanceof ShadowRoot ? parent.host : parent;
    }
    return parts.join(' ');
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        nodes: (entry.sources || []).map((source) =>
          (selectorOf(source.node) || '(a node in a shadow root)') + ' (' + Math.round(source.previousRect.y) + '→' + Math.round(source.currentRect.y) +
          ', h ' + Math.round(source.previousRect.height) + '→' + Math.round(source.currentRect.height) + ')'),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** Every Plaza widget on the page has rendered its content (no skeleton, nothing busy). */
async function widgetsFilledIn(page: Page) {
  await page.waitForFunction(
    () => {
      const widgets = [...document.querySelectorAll('plaza-poll, plaza-group-card, plaza-feed, plaza-ask-expert')];
      return (
        widgets.length > 0 &&
        widgets.every((widget) => {
          const root = widget.shadowRoot;
          return (
            !!root &&
            (root.textContent ?? '').trim() !== '' &&
            !root.querySelector('[aria-busy="true"], .skeleton, [part~="skeleton"]')
          );
        })
      );
    },
    undefined,
    { timeout: 15_000 },
  );
}

async function measure(signedInAs: string | null, path = '/', slowChunks = false) {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (signedInAs) await context.addCookies([{ name: 'plaza_session', value: signedInAs, url: e2e.demo.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(OBSERVE_LAYOUT_SHIFTS);
  if (slowChunks) {
    // On a real network the German strings (a chunk loaded on demand) arrive after the first paint.
    await page.route(/\/dist\/chunks\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
  }
  await page.goto(`${e2e.demo.url}${path}`);
  await widgetsFilledIn(page);
  // Late work (images, fonts, the event stream's first message, relative times) gets a moment to shift.
  await page.waitForTimeout(1000);
  const shifts = await page.evaluate(() => (window as unknown as { __shifts?: Shift[] }).__shifts);
  // The observer really ran (a broken init script would otherwise read as "no shift").
  assert.ok(Array.isArray(shifts), 'the layout-shift observer was not installed');
  const widgets = await page.locator('plaza-poll, plaza-group-card, plaza-feed, plaza-ask-expert').count();
  await context.close();
  const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
  const report = shifts.map((shift) => `  ${shift.value.toFixed(4)} at ${shift.at} ms: ${shift.nodes.join(' | ')}`);
  console.log(`layout shift on ${path} (${signedInAs ?? 'signed out'}, ${widgets} widgets): ${total.toFixed(4)}`);
  return { total, report, errors, widgets };
}

describe('layout stability of the demo home page', () => {
  for (const user of ['u-priya', null]) {
    it(`shifts nothing while it loads and the widgets fill in (${user ?? 'signed out'})`, async () => {
      const { total, report, errors, widgets } = await measure(user);
      assert.deepEqual(errors, []);
      assert.ok(widgets >= 10, `the home page has its widgets (${widgets})`);
      assert.equal(total, 0, `cumulative layout shift ${total.toFixed(4)}; shifts:\n${report.join('\n')}`);
    });
  }

  it('shifts nothing on the German page while its strings arrive late (u-jonas)', async () => {
    const { total, report, errors, widgets } = await measure('u-jonas', '/de.html', true);
    assert.deepEqual(errors, []);
    assert.ok(widgets >= 5, `the German page has its widgets (${widgets})`);
    assert.equal(total, 0, `cumulative layout shift ${total.toFixed(4)}; shifts:\n${report.join('\n')}`);
  });
});
