import { css } from 'lit';

/**
 * What every widget's states share: the live status and error lines (visually hidden while empty, so the
 * aria-live region exists before it speaks) and the centred box of a loading, empty or error state.
 */
export const stateStyles = css`
  .state {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
    min-height: 6rem;
    align-content: center;
  }
  .status:empty,
  .error:empty {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .status {
    color: var(--_success);
    font-weight: 600;
    font-size: 0.875em;
  }
  .error {
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 3px solid var(--_danger);
    color: var(--_danger);
    font-size: 0.875em;
  }
`;
