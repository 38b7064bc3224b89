import en from './en/ask.ts';
import type { StringTable } from './types.ts';

/** Strings of <plaza-ask-expert>: English built in, German loaded on first use. */
export const askStrings: StringTable = { name: 'ask', en, load: { de: () => import('./de/ask.ts') } };
