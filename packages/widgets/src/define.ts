/** Registers every Plaza element (`<plaza-config>`, `<plaza-poll>`, `<plaza-group-card>`) and re-exports the public API. */
import './config/define.ts';
import './poll/define.ts';
import './group-card/define.ts';

export * from './index.ts';
