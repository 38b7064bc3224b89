import en from './en/feed.ts';
import type { StringTable } from './types.ts';

/** Strings of <plaza-feed> and its parts: English built in, German loaded on first use. */
export const feedStrings: StringTable = { name: 'feed', en, load: { de: () => import('./de/feed.ts') } };
