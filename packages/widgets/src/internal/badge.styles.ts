import { css } from 'lit';

/** The pill badge of the poll and the group card (visibility, join policy, "Closed", "Your vote", standing). */
export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0 var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.9285em;
    line-height: calc(1.5rem - 2px);
    white-space: nowrap;
  }
`;
