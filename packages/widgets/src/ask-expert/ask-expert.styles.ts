import { css } from 'lit';

export const askExpertStyles = css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
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
    /* One column that never grows past the box: a narrow box (a 320 px page inside a padded card) reflows. */
    grid-template-columns: minmax(0, 1fr);
  }

  p,
  h2,
  h3 {
    margin: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 650;
    line-height: 1.35;
  }
  .subheading {
    font-size: 1em;
    font-weight: 650;
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-4);
  }
  .main {
    display: grid;
    gap: var(--_space-4);
    min-width: 0;
    align-content: start;
  }
  @container (min-width: 46rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(14rem, 18rem);
    }
  }

  .hint,
  .notice,
  .count,
  .question-meta,
  .votes {
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* Forms */
  .ask,
  .answer-form {
    display: grid;
    gap: var(--_space-3);
  }
  .ask {
    min-width: 0;
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_track) 35%, var(--_surface));
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  .label-row {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  label {
    font-weight: 600;
  }
  .count.over {
    color: var(--_danger);
    font-weight: 600;
  }
  input[type='text'],
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: var(--_control-height);
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
    font-weight: 600;
  }
  .anonymous {
    display: grid;
    gap: var(--_space-1);
    padding: var(--_space-2) var(--_space-3);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .anonymous.on {
    border-style: solid;
    border-color: var(--_accent);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-height: 1.5rem;
    cursor: pointer;
  }
  .check input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .send-error {
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 3px solid var(--_danger);
    color: var(--_danger);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .signin {
    padding: var(--_space-3);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
  }

  /* Similar questions */
  .similar {
    display: grid;
    gap: var(--_space-2);
  }
  .similar:not(.shown) {
    display: none;
  }
  .similar-heading {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: baseline;
    font-weight: 600;
  }
  .similar-summary {
    color: var(--_accent);
  }

  /* Experts */
  .experts-panel {
    display: grid;
    gap: var(--_space-2);
    align-content: start;
  }
  .experts {
    display: grid;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .expert {
    display: flex;
    gap: var(--_space-2);
    padding: var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .expert.away {
    background: color-mix(in srgb, var(--_track) 45%, var(--_surface));
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: var(--_accent);
    font-weight: 700;
    font-size: 0.8125em;
  }
  .expert-text {
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  .expert-name {
    font-weight: 600;
  }
  .availability {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
    align-items: center;
  }
  .skills,
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.8125em;
  }
  .skills li,
  .tags li {
    padding: 0 var(--_space-2);
    border-radius: 999px;
    background: var(--_track);
  }

  .badge {
    display: inline-flex;
    align-items: center;
    padding: 0 var(--_space-2);
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    line-height: 1.375rem;
    white-space: nowrap;
  }
  /* "Away until 28 November" or "✓ Akzeptierte Antwort" wraps in a narrow box rather than pushing the expert list
     or the ask form out of it. */
  .availability .badge,
  .badge.accepted {
    white-space: normal;
  }
  .badge.available,
  .badge.accepted {
    color: var(--_success);
  }
  .badge.away {
    color: var(--_muted);
  }
  .badge.escalated {
    color: var(--_danger);
  }
  .badge.expert {
    color: var(--_accent);
  }

  /* Questions */
  .questions {
    display: grid;
    gap: var(--_space-2);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
    border-bottom: 1px solid var(--_border);
    overflow-x: auto;
  }
  [role='tab'] {
    border: 0;
    border-bottom: 3px solid transparent;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: none;
    color: var(--_muted);
    font-weight: 600;
    white-space: nowrap;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_text);
  }
  @media (forced-colors: active) {
    /* Forced colours paint every border, transparent ones too: only the selected tab keeps an underline. */
    [role='tab'] {
      border-bottom-color: Canvas;
    }
    [role='tab'][aria-selected='true'] {
      border-bottom-color: Highlight;
    }
  }
  .panel {
    display: grid;
    gap: var(--_space-2);
    min-height: 6rem;
    align-content: start;
  }
  .escalation-summary {
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 3px solid var(--_danger);
    font-size: 0.875em;
  }
  .question-list {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .question {
    display: grid;
    gap: 2px;
    padding: var(--_space-2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .question:last-child {
    border-bottom: 0;
  }
  .question.escalated {
    border-inline-start: 3px solid var(--_danger);
    padding-inline-start: var(--_space-2);
  }
  .toggle {
    display: flex;
    align-items: baseline;
    gap: var(--_space-2);
    min-height: 2rem;
    padding: var(--_space-1) 0;
    border: 0;
    background: none;
    color: var(--_text);
    font-weight: 600;
    text-align: start;
  }
  .toggle:hover .question-title {
    text-decoration: underline;
  }
  .chevron::before {
    content: '▸';
    display: inline-block;
    color: var(--_muted);
  }
  .open .chevron::before {
    content: '▾';
  }
  .question-meta .count,
  .answer-head .notice,
  .answer-actions .votes {
    font-size: inherit;
  }
  .question-meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-2);
    align-items: center;
    padding-inline-start: calc(1ch + var(--_space-2));
  }
  .thread-slot[hidden] {
    display: none;
  }
  .thread {
    display: grid;
    gap: var(--_space-3);
    margin-top: var(--_space-2);
    margin-inline-start: calc(1ch + var(--_space-2));
    padding-inline-start: var(--_space-3);
    border-inline-start: 2px solid var(--_border);
  }
  .body {
    display: grid;
    gap: var(--_space-2);
  }
  .body ul,
  .body ol {
    margin: 0;
    padding-inline-start: var(--_space-4);
  }
  .body blockquote {
    margin: 0;
    padding-inline-start: var(--_space-3);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .body code {
    padding: 0 0.25em;
    border-radius: 4px;
    background: var(--_track);
    font-size: 0.9em;
  }
  .body pre {
    margin: 0;
    padding: var(--_space-2);
    overflow-x: auto;
    border-radius: var(--_radius);
    background: var(--_track);
  }
  .body a {
    color: var(--_accent);
  }
  .answers {
    display: grid;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .answer {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .answer.accepted {
    border-color: var(--_success);
    border-width: 2px;
    background: color-mix(in srgb, var(--_success) 6%, var(--_surface));
  }
  .answer:focus {
    outline: none;
  }
  .answer:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .answer-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1) var(--_space-2);
    align-items: center;
  }
  .answer-author {
    font-weight: 600;
  }
  .answer-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: center;
  }
  button.vote {
    min-height: 2rem;
    padding: 0 var(--_space-2);
  }
  button.vote.on {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
    font-weight: 600;
  }
  .empty {
    padding: var(--_space-3) 0;
    color: var(--_muted);
  }
  button.more {
    justify-self: start;
  }

  .state {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
    min-height: 12rem;
    align-content: center;
  }
  .state.small {
    min-height: 0;
  }

  /* Skeleton: the boxes of the form and three questions, so the box keeps its size when data arrives. */
  .skeleton {
    display: grid;
    gap: var(--_space-3);
    min-height: 24rem;
    align-content: start;
  }
  .bone {
    border-radius: var(--_radius);
    background: var(--_track);
  }
  .bone-heading {
    height: 1.5rem;
    width: 45%;
  }
  .bone-field {
    height: var(--_control-height);
  }
  .bone-field.tall {
    height: calc(var(--_control-height) * 2);
  }
  .bone-tabs {
    height: 2.25rem;
    width: 60%;
  }
  .bone-row {
    height: 3rem;
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
