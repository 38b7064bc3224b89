/** Registers every Plaza element under the `plaza-` prefix and re-exports the public API. */
import './config/define.ts';
import './poll/define.ts';
import './group-card/define.ts';
import './ask-expert/define.ts';
import './feed/define.ts';

export * from './index.ts';
