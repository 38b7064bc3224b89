export type { PluralForms, PluralKey, StringTable, Strings, TermKey, Translation } from './types.ts';
export { askStrings } from './ask.ts';
export { commonStrings } from './common.ts';
export { feedStrings } from './feed.ts';
export { groupStrings } from './group.ts';
export { pollStrings } from './poll.ts';
