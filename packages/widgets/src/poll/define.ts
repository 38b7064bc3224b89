import { defineElement } from '../internal/define.ts';
import { PlazaPoll } from './poll.ts';

defineElement('plaza-poll', PlazaPoll);

declare global {
  interface HTMLElementTagNameMap {
    'plaza-poll': PlazaPoll;
  }
}
