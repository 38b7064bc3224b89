import { defineElement } from '../internal/define.ts';
import { PlazaConfig } from './config.ts';

defineElement('plaza-config', PlazaConfig);

declare global {
  interface HTMLElementTagNameMap {
    'plaza-config': PlazaConfig;
  }
}
