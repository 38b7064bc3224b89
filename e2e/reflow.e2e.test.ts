// The demo page at 320 px (WCAG 1.4.10 reflow), at 200% zoom (a 1280 px window at 200% is a 640 CSS px
// viewport at device scale 2) and in forced-colors mode (Windows high contrast): no horizontal scrolling, and
// every widget's primary action stays a visible button with a border. Screenshots of each go to a temp folder
// (its path is printed) for a person to look at; set PLAZA_SCREENSHOTS to choose the folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type Locator, type Page } from 'playwright-core';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

const WAIT = { timeout: 15_000 };
let shots: string;

before(async () => {
  shots = process.env.PLAZA_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'plaza-reflow-'));
  mkdirSync(shots, { recursive: true });
  console.log(`screenshots: ${shots}`);
});

/** The primary action of every widget on the page, as a signed-in person who can still act finds it. */
function primaryButtons(page: Page): [string, Locator][] {
  const townhall = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: /quarterly town hall/ }) })
    .getByRole('button', { name: 'Vote', exact: true });
  return [
    [
      'feed: Post',
      page.getByRole('region', { name: 'Company feed' }).getByRole('button', { name: 'Post', exact: true }),
    ],
    ['poll: Vote', townhall],
    [
      'group card: Join',
      page.getByRole('group', { name: 'Solar-Service Techniker' }).getByRole('button', { name: 'Join', exact: true }),
    ],
    [
      'ask an expert: Post question',
      page.getByRole('region', { name: 'Ask an expert: IT help' }).getByRole('button', { name: 'Post question' }),
    ],
  ];
}

/** A page signed in as Sam (a member who has not voted or joined yet) with every widget loaded. */
async function openDemo(options: { width: number; height: number; deviceScaleFactor?: number }): Promise<Page> {
  const context = await e2e.browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const page = await context.newPage();
  await page.goto(`${e2e.demo.url}/`);
  const switcher = page.getByLabel('Signed in as');
  await switcher.locator('option[value="u-sam"]').waitFor({ state: 'attached' });
  await Promise.all([page.waitForEvent('load'), switcher.selectOption('u-sam')]);
  for (const [, button] of primaryButtons(page)) await button.waitFor(WAIT);
  return page;
}

/** A full-page screenshot and one of each widget with a primary action (the full page is ~10,000 px tall). */
async function screenshots(page: Page, prefix: string) {
  await page.screenshot({ path: join(shots, `${prefix}-page.png`), fullPage: true });
  for (const [name, button] of primaryButtons(page)) {
    // The widget the button belongs to: the host of its shadow root.
    const host = await button.evaluateHandle((element) => (element.getRootNode() as ShadowRoot).host);
    await host.asElement()!.scrollIntoViewIfNeeded();
    const box = await host.asElement()!.boundingBox();
    if (!box) continue;
    const scrollY = await page.evaluate(() => window.scrollY);
    await page.screenshot({
      path: join(shots, `${prefix}-${name.replace(/\W+/g, '-')}.png`),
      fullPage: true,
      clip: {
        x: 0,
        y: box.y + scrollY - 8,
        width: page.viewportSize()!.width,
        height: Math.min(box.height + 16, 1600),
      },
    });
    await host.dispose();
  }
}

/** How far the page scrolls sideways (0 when everything reflows into the viewport), and who sticks out. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const scroller = document.scrollingElement!;
    const width = scroller.clientWidth;
    const offenders: string[] = [];
    // A loop, not a nested function: tsx would wrap a named one in a helper the page does not have.
    const roots: [Document | ShadowRoot, string][] = [[document, '']];
    for (let next = roots.pop(); next; next = roots.pop()) {
      const [root, host] = next;
      for (const element of root.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1) {
          offenders.push(
            `${host}${element.localName}${element.id ? `#${element.id}` : ''}.${[...element.classList].join('.')}`,
          );
        }
        if (element.shadowRoot) roots.push([element.shadowRoot, `${host}${element.localName} › `]);
      }
    }
    return { overflow: scroller.scrollWidth - width, offenders: offenders.slice(0, 10) };
  });
}

describe('demo: reflow, zoom and forced colors', () => {
  it('at 320 px width nothing scrolls sideways and every primary action is on screen', async () => {
    const page = await openDemo({ width: 320, height: 800 });
    const { overflow, offenders } = await horizontalOverflow(page);
    await screenshots(page, '320px');
    assert.ok(overflow <= 0, `the page scrolls ${overflow}px sideways; too wide: ${offenders.join(', ')}`);
    for (const [name, button] of primaryButtons(page)) {
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 320, `${name} is cut off at 320 px: ${JSON.stringify(box)}`);
    }
    await page.context().close();
  });

  it('at 200% zoom (640 CSS px at device scale 2) nothing scrolls sideways', async () => {
    const page = await openDemo({ width: 640, height: 450, deviceScaleFactor: 2 });
    const { overflow, offenders } = await horizontalOverflow(page);
    await screenshots(page, 'zoom-200');
    assert.ok(overflow <= 0, `the page scrolls ${overflow}px sideways; too wide: ${offenders.join(', ')}`);
    await page.context().close();
  });

  it('in forced-colors mode every primary action is visible with a border', async () => {
    const page = await openDemo({ width: 1280, height: 900 });
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    await screenshots(page, 'forced-colors');
    for (const [name, button] of primaryButtons(page)) {
      await button.scrollIntoViewIfNeeded();
      assert.ok(await button.isVisible(), `${name} is not visible`);
      const style = await button.evaluate((element) => {
        const computed = getComputedStyle(element);
        return {
          border: `${computed.borderTopWidth} ${computed.borderTopStyle} ${computed.borderTopColor}`,
          bordered: computed.borderTopStyle !== 'none' && parseFloat(computed.borderTopWidth) > 0,
          outlined: computed.outlineStyle !== 'none' && parseFloat(computed.outlineWidth) > 0,
          color: computed.color,
          background: computed.backgroundColor,
        };
      });
      assert.ok(
        style.bordered || style.outlined,
        `${name} has no border or outline in forced colors: ${JSON.stringify(style)}`,
      );
      assert.notEqual(style.color, style.background, `${name}: text and background are the same colour`);
    }
    // The ask box's tabs show which one is selected by an underline: it must survive forced colours, where
    // the transparent underline of the other tabs would otherwise be painted too.
    const tabs = page.getByRole('region', { name: 'Ask an expert: IT help' }).getByRole('tab');
    const underline = (tab: Locator) =>
      tab.evaluate((element) => {
        const computed = getComputedStyle(element);
        return {
          color: computed.borderBottomColor,
          background: getComputedStyle(element.parentElement!).backgroundColor,
        };
      });
    const selected = await underline(tabs.and(page.getByRole('tab', { selected: true })));
    const other = await underline(tabs.and(page.getByRole('tab', { selected: false })).first());
    assert.notEqual(selected.color, other.color, 'the selected tab looks like the others in forced colors');
    assert.notEqual(selected.color, selected.background, 'the selected tab has no visible underline in forced colors');
    await page.context().close();
  });
});
