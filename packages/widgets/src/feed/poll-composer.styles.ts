import { css } from 'lit';

/** Styles of `<plaza-poll-composer>`. */
export const pollComposerStyles = css`
  :host {
    display: block;
  }
  fieldset {
    display: grid;
    gap: var(--_space-2);
    margin: 0;
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 var(--_space-1);
  }
  label {
    display: grid;
    gap: var(--_space-1);
    font-size: 0.875em;
  }
  input[type='text'] {
    font: inherit;
    min-height: 2.5rem;
    padding: 0 var(--_space-2);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    min-width: 0;
  }
  .row {
    display: flex;
    gap: var(--_space-2);
    align-items: end;
  }
  .row label {
    flex: 1;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2) var(--_space-4);
  }
  .checks label {
    display: flex;
    align-items: center;
    gap: var(--_space-1);
    font-size: 1em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
    margin: 0;
  }
`;
