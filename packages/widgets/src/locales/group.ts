import en from './en/group.ts';
import type { StringTable } from './types.ts';

/** Strings of <plaza-group-card>: English built in, German loaded on first use. */
export const groupStrings: StringTable = { name: 'group', en, load: { de: () => import('./de/group.ts') } };
