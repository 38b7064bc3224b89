// Focus is always visible: the demo home page walked with the Tab key alone, signed in. Every control inside a
// Plaza widget that takes focus must show an indicator — an outline on the control or on the row that holds
// it (a poll option draws its ring around the whole option), or a box-shadow ring — and the walk must reach
// every widget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoAndBrowser } from './session.ts';

const e2e = demoAndBrowser();

interface Focused {
  /** The Plaza element the focused control is in (outermost), or null outside the widgets. */
  widget: string | null;
  control: string;
  indicator: string | null;
}

/**
 * What has focus now (through shadow roots) and its focus indicator. A string, so that the test's compiler
 * adds no helpers the page does not have.
 */
const FOCUSED = `(() => {
  let active = document.activeElement;
  let widget = null;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) {
    if (active.localName.startsWith('plaza-') && !widget && active.localName !== 'plaza-config') {
      widget = active.localName;
    }
    active = active.shadowRoot.activeElement;
  }
  if (!active) return null;
  const text = (active.textContent || '').trim().slice(0, 40);
  const control = active.localName + (active.id ? '#' + active.id : '') + ' "' + text + '"';
  let ring = null;
  for (let element = active, depth = 0; element && depth < 3 && !ring; depth++) {
    const style = getComputedStyle(element);
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      ring = 'outline ' + style.outlineWidth + ' ' + style.outlineStyle + ' on ' + element.localName;
    }
    element = element.parentElement;
  }
  const shadow = getComputedStyle(active).boxShadow;
  if (!ring && shadow !== 'none') ring = 'box-shadow ' + shadow;
  return { widget, control, indicator: ring };
})()`;

describe('focus visible on the demo home page', () => {
  it('every focusable control in every widget shows a focus indicator when reached with Tab', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'plaza_session', value: 'u-priya', url: e2e.demo.url }]);
    const page = await context.newPage();
    await page.goto(`${e2e.demo.url}/`);
    await page.locator('plaza-feed article').first().waitFor({ timeout: 15_000 });
    const reached = new Set<string>();
    const missing: string[] = [];
    let inWidgets = 0;
    for (let step = 0; step < 400; step++) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(FOCUSED)) as Focused | null;
      if (!focused) continue;
      if (focused.widget) {
        inWidgets++;
        reached.add(focused.widget);
        if (!focused.indicator) missing.push(`${focused.widget}: ${focused.control}`);
      }
      // Past the last widget: the footer link ends the page.
      if (!focused.widget && focused.control.startsWith('a') && focused.control.includes('Plaza')) break;
    }
    await context.close();
    for (const widget of ['plaza-poll', 'plaza-group-card', 'plaza-feed', 'plaza-ask-expert']) {
      assert.ok(reached.has(widget), `Tab reached no control in ${widget} (reached: ${[...reached].join(', ')})`);
    }
    assert.ok(inWidgets > 20, `Tab stopped at ${inWidgets} controls inside the widgets`);
    assert.deepEqual([...new Set(missing)], [], 'controls without a visible focus indicator');
  });
});
