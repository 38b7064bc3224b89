import { css } from 'lit';

/** Styles for rendered rich text inside an element with class `rich-text`. */
export const richTextStyles = css`
  .rich-text {
    overflow-wrap: anywhere;
  }
  .rich-text > :first-child {
    margin-top: 0;
  }
  .rich-text > :last-child {
    margin-bottom: 0;
  }
  .rich-text p,
  .rich-text ul,
  .rich-text ol,
  .rich-text blockquote,
  .rich-text pre {
    margin: 0 0 var(--_space-2);
  }
  .rich-text ul,
  .rich-text ol {
    padding-inline-start: 1.5em;
  }
  .rich-text li > p {
    margin: 0;
  }
  .rich-text blockquote {
    padding-inline-start: var(--_space-3);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .rich-text code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: 0.25em;
    background: var(--_track);
  }
  .rich-text pre {
    overflow-x: auto;
    padding: var(--_space-2);
    border-radius: var(--_radius);
    background: var(--_track);
    white-space: pre;
  }
  .rich-text pre code {
    padding: 0;
    background: none;
  }
  .rich-text a {
    color: var(--_accent);
  }
  .rich-text .mention,
  .rich-text .topic {
    color: var(--_accent);
    font-weight: 600;
    text-decoration: none;
  }
  .rich-text a.mention:hover,
  .rich-text a.topic:hover {
    text-decoration: underline;
  }
  .rich-text button.topic {
    min-height: 0;
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    font-weight: 600;
    color: var(--_accent);
    cursor: pointer;
  }
  .rich-text button.topic:hover {
    text-decoration: underline;
  }
  .rich-text .inline-image {
    max-width: 100%;
    height: auto;
    border-radius: var(--_radius);
  }
`;
