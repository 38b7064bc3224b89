/** Registers every Plaza element (`<plaza-config>`, `<plaza-poll>`, `<plaza-ask-expert>`) and re-exports the public API. */
import './config/define.ts';
import './poll/define.ts';
import './ask-expert/define.ts';

export * from './index.ts';
