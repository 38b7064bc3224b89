import { css } from 'lit';

/**
 * The card is its own size container: the full layout puts people beside the description from 560 px of
 * the card's width (a main column), and stacks below that (a sidebar), whatever the viewport is.
 */
export const groupCardStyles = css`
  :host {
    display: block;
    min-width: 0;
  }

  .base {
    --_cover-height: var(--plaza-group-cover-height, 5rem);
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
    container-type: inline-size;
  }

  p {
    margin: 0;
  }

  /* ——— cover ——— */

  .cover {
    display: block;
    box-sizing: border-box;
    width: calc(100% + 2 * var(--_space-4));
    height: var(--_cover-height);
    margin: calc(-1 * var(--_space-4)) calc(-1 * var(--_space-4)) 0;
    border-radius: calc(var(--_radius) - 1px) calc(var(--_radius) - 1px) 0 0;
    object-fit: cover;
  }
  .thumb {
    flex: none;
    box-sizing: border-box;
    width: 3rem;
    height: 3rem;
    border-radius: var(--_radius);
    object-fit: cover;
  }
  .placeholder {
    display: grid;
    place-items: center;
    background: linear-gradient(135deg, var(--_cover-color), color-mix(in srgb, var(--_cover-color) 70%, #000) 100%);
    color: #fff;
    font-weight: 700;
    letter-spacing: 0.04em;
    user-select: none;
  }
  .cover.placeholder {
    font-size: calc(var(--_cover-height) * 0.36);
  }
  .thumb.placeholder {
    font-size: 1.125rem;
  }
  .cover.placeholder span {
    opacity: 0.92;
  }

  /* ——— name, badges, description ——— */

  .body {
    display: grid;
    gap: var(--_space-3);
    min-width: 0;
  }
  .main,
  .side {
    display: grid;
    gap: var(--_space-2);
    align-content: start;
    min-width: 0;
  }
  .side {
    gap: var(--_space-3);
  }
  .head {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
    min-width: 0;
  }
  .title {
    display: grid;
    gap: var(--_space-1);
    min-width: 0;
    flex: 1;
  }
  .name {
    font-size: 1.125em;
    font-weight: 650;
    line-height: 1.35;
  }
  .name:focus {
    outline: none;
  }
  .name:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .name a {
    color: inherit;
    text-decoration: underline;
    text-decoration-color: color-mix(in srgb, currentColor 35%, transparent);
    text-underline-offset: 0.2em;
  }
  .name a:hover {
    color: var(--_accent);
    text-decoration-color: currentColor;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1) var(--_space-2);
    min-height: 1.5rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .badge.standing {
    border-color: transparent;
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
    font-size: 0.8125em;
    font-weight: 600;
  }

  /* Always three lines tall (clamped, and reserved when shorter): the card keeps its size from skeleton to data. */
  .description {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
    height: 3lh;
    line-height: 1.45;
    font-size: 0.9375em;
  }
  .description p {
    display: inline;
  }
  .description p + p::before {
    content: ' ';
  }

  /* ——— people ——— */

  .people {
    display: grid;
    gap: var(--_space-1);
    align-content: start;
  }
  .people-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1) var(--_space-2);
    min-height: 2rem;
  }
  .count {
    font-size: 0.875em;
    font-weight: 600;
  }
  .facepile {
    display: flex;
    margin: 0;
    padding: 0 0 0 2px;
    list-style: none;
  }
  .facepile li + li {
    margin-inline-start: -0.5rem;
  }
  .avatar {
    box-sizing: border-box;
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: var(--_avatar-color, var(--_muted));
    box-shadow: 0 0 0 2px var(--_surface);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 650;
    line-height: 1;
    object-fit: cover;
    vertical-align: middle;
  }
  .more-avatar {
    background: var(--_track);
    color: var(--_text);
    font-variant-numeric: tabular-nums;
  }
  .admins,
  .notice,
  .person-meta {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .contributors {
    display: grid;
    gap: var(--_space-2);
  }
  .section-title {
    font-size: 0.875em;
    font-weight: 650;
  }
  .contributors ol,
  .request-list {
    display: grid;
    gap: var(--_space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .person {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    min-width: 0;
  }
  .who {
    display: grid;
    min-width: 0;
  }
  .person-name {
    font-weight: 550;
  }
  .person-meta {
    font-size: 0.8125em;
  }

  /* ——— actions ——— */

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .footer:has(> .actions, > .bone) {
    min-height: var(--_control-height);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .footer > .notice {
    flex: 1 1 12rem;
  }
  .confirm {
    display: grid;
    gap: var(--_space-2);
    flex-basis: 100%;
    padding: var(--_space-3);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }

  /* ——— join requests ——— */

  .requests {
    display: grid;
    gap: var(--_space-2);
    padding-top: var(--_space-3);
    border-top: 1px solid var(--_border);
  }
  .disclosure {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    justify-self: start;
    padding-inline: var(--_space-2);
    border-color: transparent;
    background: none;
    color: var(--_accent);
    font-weight: 600;
  }
  .chevron {
    width: 0.5em;
    height: 0.5em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 150ms ease-out;
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(45deg);
  }
  @media (prefers-reduced-motion: reduce) {
    .chevron {
      transition: none;
    }
  }
  .requests-panel {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
  }
  .requests-panel[hidden] {
    display: none;
  }
  .request-list {
    justify-self: stretch;
  }
  .request {
    flex-wrap: wrap;
    padding: var(--_space-2);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_track) 55%, var(--_surface));
  }
  .request .who {
    flex: 1 1 9rem;
  }
  .request-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    margin-inline-start: auto;
  }

  /* ——— layouts ——— */

  .compact {
    gap: var(--_space-2);
    padding: var(--_space-3);
  }
  .compact .body {
    gap: var(--_space-2);
  }
  .compact .cover {
    display: none;
  }

  @container (min-width: 560px) {
    .full .cover {
      --_cover-height: var(--plaza-group-cover-height, 8rem);
    }
    /* People beside the description; the actions under the description, however tall the people column is. */
    .full .body {
      grid-template-columns: minmax(0, 1fr) minmax(12rem, 17rem);
      grid-template-areas: 'main side' 'footer side';
      grid-template-rows: auto 1fr;
      gap: var(--_space-3) var(--_space-4);
    }
    .full .main {
      grid-area: main;
    }
    .full .side {
      grid-area: side;
    }
    .full .footer {
      grid-area: footer;
      align-self: start;
    }
    .full .name {
      font-size: 1.375em;
    }
  }

  /* ——— states ——— */

  /* Skeleton: the boxes of a loaded card (same classes), so nothing moves when the data arrives. */
  .skeleton {
    display: grid;
    gap: inherit;
  }
  .skeleton .description {
    display: block;
  }
  .bone {
    display: block;
    border-radius: var(--_radius);
    background: var(--_track);
  }
  .bone-text {
    height: calc(1lh - 0.4em);
    margin-block: 0.2em;
    width: 100%;
  }
  .bone-text.small {
    font-size: 0.875em;
  }
  /* Widths as classes, not style attributes: a strict CSP (style-src without 'unsafe-inline') blocks those. */
  .bone-text.w-50 {
    width: 50%;
  }
  .bone-text.w-60 {
    width: 60%;
  }
  .bone-text.w-70 {
    width: 70%;
  }
  .bone-text.w-5rem {
    width: 5rem;
  }
  .bone-badge {
    display: inline-block;
    width: 4.5rem;
    height: 1.5rem;
    border-radius: 999px;
  }
  .bone-facepile {
    width: 6.5rem;
    height: 2rem;
    border-radius: 999px;
  }
  .bone-button {
    width: 7rem;
    height: var(--_control-height);
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
