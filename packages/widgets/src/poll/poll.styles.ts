import { css } from 'lit';

export const pollStyles = css`
  :host {
    display: block;
    min-width: 0;
  }

  .base {
    position: relative;
    box-sizing: border-box;
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    overflow-wrap: anywhere;
  }

  p {
    margin: 0;
  }

  .header {
    display: grid;
    gap: var(--_space-1);
  }

  .question {
    font-size: 1.125em;
    font-weight: 650;
    line-height: 1.35;
  }
  .question:focus {
    outline: none;
  }
  .question:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .meta,
  .hint,
  .total,
  .notice {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1) var(--_space-2);
    min-height: 1.5rem;
  }

  .badge.closed {
    color: var(--_text);
    font-weight: 600;
  }
  .soon {
    color: var(--_danger);
    font-weight: 600;
  }

  form {
    display: grid;
    gap: var(--_space-3);
  }

  .options {
    display: grid;
    gap: var(--_space-2);
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .option-list {
    display: grid;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .option {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: var(--_control-height);
    padding: var(--_space-1) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  /* Read-only list of the options (results hidden, or the viewer cannot vote): not to be mistaken for inputs. */
  li.option {
    min-height: 0;
    padding: var(--_space-2) var(--_space-3);
    border-color: transparent;
    background: color-mix(in srgb, var(--_track) 60%, var(--_surface));
    cursor: default;
  }
  .option:has(input:checked) {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 9%, var(--_surface));
  }
  .option:has(input:disabled) {
    cursor: not-allowed;
    color: var(--_muted);
  }
  .option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .option input {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }
  .option input:focus-visible {
    outline: none;
  }

  .results {
    display: grid;
    gap: var(--_space-3);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .result {
    display: grid;
    gap: var(--_space-1);
  }
  .result-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 var(--_space-2);
  }
  .result-label {
    font-weight: 500;
  }
  .result-numbers {
    color: var(--_muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .mine {
    display: inline-block;
    margin-inline-start: var(--_space-1);
    padding: 0 var(--_space-2);
    border-radius: 999px;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
    font-size: 0.8125em;
    font-weight: 600;
    white-space: nowrap;
  }
  .bar {
    height: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_track);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    min-width: 2px;
    border-radius: inherit;
    background: var(--_accent);
    transition: width 200ms ease-out;
  }
  .result:not(.mine-result) .fill {
    background: color-mix(in srgb, var(--_accent) 65%, var(--_track));
  }
  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }
  /* Forced colours would paint the bars in the background colour: outline the track, fill with Highlight. */
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
    }
    .fill,
    .result:not(.mine-result) .fill {
      forced-color-adjust: none;
      background: Highlight;
    }
  }

  .voters summary {
    width: fit-content;
    padding-block: 3px;
    color: var(--_accent);
    font-size: 0.875em;
    cursor: pointer;
  }
  .voters ul {
    margin: var(--_space-1) 0 0;
    padding-inline-start: var(--_space-4);
    font-size: 0.875em;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .footer.has-actions,
  form .footer {
    min-height: var(--_control-height);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }

  .confirm {
    display: grid;
    gap: var(--_space-2);
    flex-basis: 100%;
    padding: var(--_space-3);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  .confirm .actions {
    justify-content: flex-start;
  }

  /* Skeleton: the same boxes as a three-option poll, so nothing moves when the data arrives. */
  .skeleton {
    display: grid;
    gap: var(--_space-3);
  }
  .bone {
    border-radius: var(--_radius);
    background: var(--_track);
  }
  .bone-question {
    height: calc(1.125em * 1.35);
    width: 70%;
  }
  .bone-meta {
    height: 1.5rem;
    width: 40%;
  }
  .bone-hint {
    height: calc(0.875em * 1.4);
    width: 30%;
  }
  .bone-option {
    min-height: var(--_control-height);
  }
  .bone-button {
    height: var(--_control-height);
    width: 6rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone {
      animation: pulse 1.5s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
`;
