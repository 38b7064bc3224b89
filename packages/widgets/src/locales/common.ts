import en from './en/common.ts';
import type { StringTable } from './types.ts';

/** Strings shared by every element: English built in, German loaded on first use. */
export const commonStrings: StringTable = { name: 'common', en, load: { de: () => import('./de/common.ts') } };
