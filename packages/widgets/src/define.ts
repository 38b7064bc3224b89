/** Registers every Plaza element (`<plaza-config>`, `<plaza-poll>`) and re-exports the public API. */
import './config/define.ts';
import './poll/define.ts';

export * from './index.ts';
