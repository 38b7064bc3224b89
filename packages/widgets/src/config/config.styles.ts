import { css } from 'lit';

export const configStyles = css`
  :host {
    display: contents;
  }
  :host([hidden]) {
    display: none !important;
  }
  /* color-scheme is inherited (also through display: contents), so every widget inside follows. */
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
`;
