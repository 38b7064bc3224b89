/** Registers every Plaza element (`<plaza-config>`, `<plaza-poll>`, `<plaza-feed>` with its parts) and re-exports the public API. */
import './config/define.ts';
import './poll/define.ts';
import './feed/define.ts';

export * from './index.ts';
