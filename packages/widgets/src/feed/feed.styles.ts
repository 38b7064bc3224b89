import { css } from 'lit';
import { richTextStyles } from '../internal/rich-text.styles.ts';

const shared = css`
  p {
    margin: 0;
  }
  .icon {
    flex: none;
    vertical-align: -0.2em;
  }
  .notice,
  .muted,
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .error:empty {
    display: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  button.small {
    min-height: 1.75rem;
    font-size: 0.875em;
  }
  button.link.danger {
    color: var(--_danger);
  }
  input[type='text'],
  input[type='datetime-local'],
  textarea,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
    min-width: 0;
    box-sizing: border-box;
  }
  textarea {
    width: 100%;
    resize: vertical;
  }
  .bone {
    display: block;
    border-radius: var(--_radius);
    background: var(--_track);
    animation: pulse 1.6s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }
`;

export const feedStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  ${shared}
  .base {
    display: grid;
    gap: var(--_space-3);
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-3);
  }
  /* The size is remembered ("auto") on every post, the one being used too: a post that had focus since it
     was first drawn keeps its real height when focus leaves it, so nothing jumps under the pointer. */
  .list > li {
    min-width: 0;
    contain-intrinsic-size: auto 14rem;
  }
  /* Posts far off screen skip layout and paint (2,000 loaded posts stay smooth); one being used never does,
     so its menus and suggestion lists are not clipped. */
  .list > li:not(:focus-within, :has(details[open])) {
    content-visibility: auto;
  }
  .skeleton {
    display: grid;
    gap: var(--_space-3);
  }
  .post-bone {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-height: 9rem;
    box-sizing: border-box;
  }
  .bone-row {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
  }
  .bone-avatar {
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 50%;
  }
  .bone-name {
    width: 40%;
    height: 1rem;
  }
  .bone-line {
    height: 0.9rem;
  }
  .bone-line.short {
    width: 60%;
  }
  .state {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .state.empty {
    justify-items: center;
    text-align: center;
    padding: calc(var(--_space-4) * 2) var(--_space-4);
    color: var(--_muted);
  }
  .banner {
    position: sticky;
    top: var(--_space-2);
    z-index: 1;
    justify-self: center;
    border-radius: 999px;
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .filter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    font-weight: 600;
  }
  .more {
    display: grid;
    justify-items: center;
    gap: var(--_space-2);
  }
  .sentinel {
    height: 1px;
  }
  .end {
    text-align: center;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .composer-note {
    padding: var(--_space-3);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .moderation {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .moderation > div {
    width: 100%;
  }
  .reports {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-3);
  }
  .reports > li {
    display: grid;
    gap: var(--_space-1);
    justify-items: start;
    padding-block-start: var(--_space-2);
    border-top: 1px solid var(--_border);
  }
  .reasons {
    margin: 0;
    padding-inline-start: 1.25em;
    font-size: 0.875em;
  }
  .excerpt {
    color: var(--_muted);
  }
`;

export const postStyles = css`
  :host {
    display: block;
    min-width: 0;
    --_urgent-surface: var(--plaza-color-urgent-surface, light-dark(#fdecea, #3b1d1b));
  }
  ${shared}
  ${richTextStyles}
  .post {
    position: relative;
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-4);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    overflow-wrap: anywhere;
    min-width: 0;
  }
  .post.skeleton {
    min-height: 9rem;
    box-sizing: border-box;
  }
  .bone-head {
    height: 2.5rem;
    width: 50%;
  }
  .bone-line {
    height: 0.9rem;
  }
  .bone-line.short {
    width: 60%;
  }
  .post.pinned {
    border-color: var(--_accent);
  }
  .post.urgent {
    border: 2px solid var(--_danger);
    border-inline-start-width: 6px;
    background: var(--_urgent-surface);
  }
  .post.hidden {
    border-style: dashed;
    opacity: 0.85;
  }
  .flag {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1);
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_accent);
  }
  .flag.urgent {
    color: var(--_danger);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .flag .expires {
    font-weight: 400;
    text-transform: none;
    letter-spacing: 0;
    color: var(--_muted);
  }
  .hidden-flag {
    color: var(--_danger);
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-width: 0;
  }
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 50%;
    background: var(--_track);
    color: var(--_text);
    font-weight: 600;
    font-size: 0.875em;
    object-fit: cover;
  }
  .avatar.small {
    width: 2rem;
    height: 2rem;
    font-size: 0.75em;
  }
  .who {
    flex: 1;
    min-width: 0;
  }
  .title-line {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_space-2);
    align-items: baseline;
  }
  .title-line:focus {
    outline: none;
  }
  .title-line:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .name {
    font-weight: 600;
  }
  .role,
  .meta,
  .time,
  .edited {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta .time {
    font-size: 1em;
  }
  .actions-menu {
    position: relative;
    flex: none;
  }
  .actions-menu summary {
    list-style: none;
    display: grid;
    place-items: center;
    width: 2.75rem;
    height: 2.75rem;
    border-radius: var(--_radius);
    cursor: pointer;
    font-size: 1.25em;
    color: var(--_muted);
  }
  .actions-menu summary::-webkit-details-marker {
    display: none;
  }
  .actions-menu summary:hover {
    background: var(--_track);
  }
  .menu {
    position: absolute;
    inset-inline-end: 0;
    z-index: 2;
    list-style: none;
    margin: var(--_space-1) 0 0;
    padding: var(--_space-1);
    min-width: 10rem;
    display: grid;
    gap: 2px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
  }
  .menu button {
    width: 100%;
    text-align: start;
    border-color: transparent;
  }
  .menu button.danger {
    color: var(--_danger);
  }
  .images {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .images.count-1 {
    grid-template-columns: minmax(0, 1fr);
  }
  .thumb {
    display: block;
    width: 100%;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_track);
    aspect-ratio: 4 / 3;
  }
  .images.count-1 .thumb {
    aspect-ratio: 16 / 9;
  }
  .thumb img {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  .viewer {
    max-width: min(90vw, 64rem);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .viewer::backdrop {
    background: rgb(0 0 0 / 0.7);
  }
  .viewer figure {
    margin: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .viewer img {
    max-width: 100%;
    max-height: 75vh;
    object-fit: contain;
    justify-self: center;
  }
  .viewer-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space-2);
    margin-top: var(--_space-2);
  }
  .confirm {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .report label {
    display: grid;
    gap: var(--_space-1);
    font-size: 0.875em;
  }
  .report-title {
    font-weight: 600;
  }
  .ack {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2) var(--_space-3);
  }
  .acknowledged {
    font-weight: 600;
  }
  .acknowledged:focus {
    outline: none;
  }
  .ack-count {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  .reaction-wrap {
    position: relative;
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    min-height: 2.25rem;
    padding: 0 var(--_space-2);
    border-radius: 999px;
    border-color: var(--_border);
    font-size: 0.875em;
  }
  .reaction.mine {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_text);
    font-weight: 600;
  }
  .reaction-count {
    font-variant-numeric: tabular-nums;
  }
  .tooltip {
    display: none;
    position: absolute;
    bottom: calc(100% + 4px);
    inset-inline-start: 0;
    z-index: 3;
    width: max-content;
    max-width: 16rem;
    padding: var(--_space-1) var(--_space-2);
    border-radius: var(--_radius);
    background: var(--_text);
    color: var(--_surface);
    font-size: 0.8125em;
    pointer-events: none;
  }
  .reaction:hover + .tooltip,
  .reaction:focus-visible + .tooltip {
    display: block;
  }
  button.comments-toggle {
    justify-self: start;
    padding-inline: 0;
  }
  .comments {
    display: grid;
    gap: var(--_space-2);
    padding-block-start: var(--_space-2);
    border-top: 1px solid var(--_border);
  }
  /* Collapsed, the comments stay in the page, hidden, so a draft in them survives. */
  .comments[hidden] {
    display: none;
  }
  .more-comments {
    justify-self: start;
  }
  .comment-list,
  .replies {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .replies {
    /* Under the parent's text, but less deep in a narrow column, where every pixel is the reply's. */
    margin-inline-start: clamp(var(--_space-2), 8%, calc(2rem + var(--_space-2)));
    margin-top: var(--_space-2);
  }
  .comment {
    display: flex;
    gap: var(--_space-2);
    align-items: flex-start;
  }
  .comment-main {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: var(--_space-1);
    padding: var(--_space-2);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_track) 60%, var(--_surface));
  }
  .comment-head {
    font-size: 0.875em;
  }
  .comment-head .time {
    font-size: 1em;
  }
  .comment-body:focus {
    outline: none;
  }
  .comment-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  /* A label breaks between words or not at all ("Bearbeit-en" read as two words); the row wraps instead. */
  .comment-actions button {
    overflow-wrap: normal;
  }
  .comment-images {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  .comment-images img {
    max-width: 8rem;
    max-height: 6rem;
    border-radius: var(--_radius);
  }
  .comment-edit {
    display: grid;
    gap: var(--_space-2);
  }
  li > button.link.small {
    margin-inline-start: calc(2rem + var(--_space-2));
  }
`;

export const composerStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  ${shared}
  .composer {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .composer.compact {
    padding: 0;
    border: 0;
    background: none;
  }
  .field {
    position: relative;
  }
  textarea {
    min-height: 4.5rem;
    display: block;
  }
  .suggestions {
    position: absolute;
    z-index: 4;
    inset-inline: 0;
    top: 100%;
    margin: 2px 0 0;
    padding: var(--_space-1);
    list-style: none;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    max-height: 16rem;
    overflow-y: auto;
  }
  .suggestions li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-2);
    align-items: baseline;
    padding: var(--_space-1) var(--_space-2);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .suggestions li.active {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .suggestions .title {
    font-size: 0.8125em;
    opacity: 0.85;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
  }
  .count {
    color: var(--_muted);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
    margin-inline-start: auto;
  }
  .count.over {
    color: var(--_danger);
    font-weight: 600;
  }
  .images {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .image {
    display: flex;
    gap: var(--_space-2);
    align-items: flex-start;
  }
  .image img {
    width: 4.5rem;
    height: 4.5rem;
    object-fit: cover;
    border-radius: var(--_radius);
    flex: none;
  }
  .image-fields {
    flex: 1;
    display: grid;
    gap: var(--_space-1);
    min-width: 0;
  }
  .image-fields label {
    display: grid;
    gap: 2px;
    font-size: 0.875em;
  }
  .image-fields progress {
    width: 100%;
  }
  .image-error {
    color: var(--_danger);
    font-size: 0.8125em;
  }
  .image-status {
    color: var(--_success);
    font-size: 0.8125em;
  }
  .announce {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  .announce.open {
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .announce legend {
    padding: 0 var(--_space-1);
  }
  .announce legend label,
  .announce-options label {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
  }
  .announce-options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2) var(--_space-4);
  }
  .announce-options .expires {
    display: grid;
    gap: 2px;
    font-size: 0.875em;
  }
`;
