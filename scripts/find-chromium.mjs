// Finds a Chromium for the browser tests without ever downloading one: CHROMIUM_PATH, else a system
// Chromium/Chrome, else Playwright's own build if it is already installed.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name) {
  try {
    const found = execFileSync('sh', ['-c', `command -v ${name}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return found && existsSync(found) ? found : null;
  } catch {
    return null;
  }
}

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** The path of a Chromium to run the browser tests with; throws, saying how to get one, when there is none. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there.`);
  }
  const found =
    SYSTEM_CANDIDATES.find((path) => existsSync(path)) ?? PATH_NAMES.map(onPath).find(Boolean) ?? playwrightChromium();
  if (found) return found;
  throw new Error(
    [
      'No Chromium found for the browser tests. Any one of these works:',
      '  - Debian/Ubuntu: apt-get install chromium',
      '  - point CHROMIUM_PATH at an installed Chromium or Chrome',
      '  - npx playwright install chromium (Playwright’s own build)',
    ].join('\n'),
  );
}
