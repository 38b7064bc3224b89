/** The browser the tests drive: `CHROMIUM_PATH`, else a system Chromium/Chrome, else Playwright's own; throws how to get one. */
export function findChromium(env?: NodeJS.ProcessEnv): string;
