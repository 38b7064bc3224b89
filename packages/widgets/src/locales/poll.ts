import en from './en/poll.ts';
import type { StringTable } from './types.ts';

/** Strings of <plaza-poll>: English built in, German loaded on first use. */
export const pollStrings: StringTable = { name: 'poll', en, load: { de: () => import('./de/poll.ts') } };
