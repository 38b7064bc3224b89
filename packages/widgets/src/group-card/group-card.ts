import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { badgeStyles } from '../internal/badge.styles.ts';
import { stateStyles } from '../internal/state.styles.ts';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../internal/style-props.ts';
import type {
  BlockNode,
  Group,
  GroupContributor,
  GroupRequest,
  InlineNode,
  RichText,
  User,
  UserRef,
} from '@plaza/contract';
import { GROUP_LIMITS } from '@plaza/contract/limits';
import { isPlazaError, type PlazaClient } from '@plaza/sdk';
import { errorCode, errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import { StoreController } from '../internal/store-controller.ts';
import { PlazaBeforeLeaveEvent, PlazaJoinEvent, PlazaLeaveEvent, PlazaRequestEvent } from './events.ts';
import { groupCardStyles } from './group-card.styles.ts';
import { groupStrings } from '../locales/group.ts';

/** `full`: cover banner, two columns from 560 px of width; `compact`: a dense card for sidebars. */
export type GroupCardLayout = 'full' | 'compact';

/** One of the group's most active people this month, as the server sends them with the group. */
export type { GroupContributor };

type Pending = 'join' | 'request' | 'cancel' | 'leave' | null;

/** How long an element without any configuration shows its skeleton before saying so (late providers). */
const CONFIG_GRACE_MS = 2000;
const CONTRIBUTORS_MAX = 3;

/**
 * A community on any page: cover, name, description, visibility and join policy, member count, a facepile
 * and the admins, and the viewer's way in or out — join, request to join (then cancel), invite-only, leave
 * with a confirmation (never for the last admin). Admins approve or deny pending requests inline. Outsiders
 * of a private group see what it is and how to get in, never its people. Data comes from the SDK client of
 * the nearest `<plaza-config>` (or `Plaza.configure`); counts and the request state follow live events.
 *
 * @tag plaza-group-card
 * @summary A group (community of practice): join, request, leave, members, admins, pending requests.
 *
 * @attr group-id - Id of the group to show.
 * @attr layout - `compact` for a dense sidebar card; anything else (default `full`) adapts to its width.
 * @attr href-template - URL of the group's home with `{id}` for the group id, e.g. `/groups/{id}`; the name links there.
 *
 * @csspart base - The card's box.
 * @csspart cover - The cover image, or the initials placeholder when the group has none.
 * @csspart name - The group's name (a link when `href-template` is set).
 * @csspart link - The link to the group's home.
 * @csspart meta - The line with the visibility and join-policy badges.
 * @csspart badge - One badge (public / private, join policy, the viewer's standing).
 * @csspart description - The group's description (one element, so a rich-text renderer can replace it).
 * @csspart people - Member count, facepile and admins (or, for outsiders of a private group, why they are hidden).
 * @csspart count - The member count.
 * @csspart facepile - The list of recent members' avatars.
 * @csspart avatar - One round avatar (facepile, join requests, contributors).
 * @csspart admins - The line naming the admins.
 * @csspart contributors - The top contributors region (only when `topContributors` is set).
 * @csspart actions - The buttons (join, request, cancel request, leave).
 * @csspart hint - The sentence that explains the viewer's options (invite only, sign in, pending, last admin).
 * @csspart confirm - The leave confirmation.
 * @csspart requests - The admins' disclosure of pending requests.
 * @csspart request - One pending request with its Approve and Deny buttons.
 * @csspart status - The live region that announces "You joined …" and similar confirmations.
 * @csspart error - The alert region for refused actions, and the message of the error state.
 *
 * @cssprop --plaza-color-accent - Buttons, links, the disclosure.
 * @cssprop --plaza-color-on-accent - Text on the primary button.
 * @cssprop --plaza-color-surface - Background.
 * @cssprop --plaza-color-text - Text.
 * @cssprop --plaza-color-text-muted - Badges, counts, hints.
 * @cssprop --plaza-color-border - Card and row borders.
 * @cssprop --plaza-color-control-border - Button borders.
 * @cssprop --plaza-color-danger - Error messages, "Leave group".
 * @cssprop --plaza-color-success - Confirmations.
 * @cssprop --plaza-color-track - Loading skeleton, the request list's background.
 * @cssprop --plaza-color-focus - Focus ring.
 * @cssprop --plaza-radius - Corner radius.
 * @cssprop --plaza-spacing - Base unit of the spacing scale.
 * @cssprop --plaza-space-1 - Smallest gap.
 * @cssprop --plaza-space-2 - Gap between rows.
 * @cssprop --plaza-space-3 - Gap between sections.
 * @cssprop --plaza-space-4 - Padding of the card.
 * @cssprop --plaza-density - Multiplies spacing and control heights (0.75 compact, 1.25 roomy).
 * @cssprop --plaza-font-family - Font; the page's by default.
 * @cssprop --plaza-font-size - Base font size; the page's by default.
 * @cssprop --plaza-group-cover-height - Height of the cover banner (full layout); 5rem narrow, 8rem from 560 px.
 *
 * @event {PlazaJoinEvent} plaza-join - After the viewer joined an open group.
 * @event {PlazaRequestEvent} plaza-request - After the viewer asked to join (`action` `sent`) or withdrew the request (`cancelled`).
 * @event {PlazaBeforeLeaveEvent} plaza-before-leave - After the viewer confirmed leaving, before it is sent. Cancelable.
 * @event {PlazaLeaveEvent} plaza-leave - After the viewer left the group.
 */
export class PlazaGroupCard extends PlazaElement {
  static override styles = [...PlazaElement.styles, stateStyles, badgeStyles, groupCardStyles];
  static override strings = [groupStrings];

  /** Id of the group to show. */
  @property({ attribute: 'group-id', reflect: true }) groupId = '';

  /** `compact` for a dense sidebar card; `full` (default) adapts to its width with container queries. */
  @property({ reflect: true }) layout: GroupCardLayout = 'full';

  /** URL of the group's home with `{id}` standing for the group id (e.g. `/groups/{id}`); unset: no link. */
  @property({ attribute: 'href-template' }) hrefTemplate: string | undefined;

  /**
   * Overrides the group's `topContributors` from the server (at most 3 are shown), for a host page that ranks
   * people its own way. The region stays hidden when there is nobody, and never shows to outsiders of a
   * private group.
   */
  @property({ attribute: false }) topContributors: GroupContributor[] | undefined;

  @state() private pending: Pending = null;
  @state() private confirmingLeave = false;
  /** Text of the polite live region. */
  @state() private announcement = '';
  /** Text of the alert region: why the last action was refused. */
  @state() private actionError = '';
  @state() private retrying = false;
  @state() private configGraceOver = false;
  /** A cover URL that failed to load: the placeholder is drawn instead. */
  @state() private brokenCover: string | null = null;

  // Join requests (managers): not entities of the store, so the card holds the list it last read.
  @state() private requestsOpen = false;
  @state() private requests: GroupRequest[] | undefined;
  @state() private requestsLoading = false;
  @state() private requestsError: unknown;
  /** The requester whose request is being approved or denied. */
  @state() private deciding: string | null = null;
  /** The `pendingRequestCount` the list was read for: a different count (live event, own decision) re-reads it. */
  #requestsReadFor: number | null = null;

  #group = new StoreController<Group>(this, {
    type: 'group',
    target: () => {
      const client = this.client;
      return client && this.groupId ? { client, id: this.groupId } : undefined;
    },
    load: (client, id, refresh) => client.groups.get(id, { refresh }),
  });

  #me = new StoreController<User | null>(this, {
    type: 'me',
    target: () => {
      const client = this.client;
      return client && this.groupId ? { client, id: 'current' } : undefined;
    },
    load: (client, _id, refresh) => client.me({ refresh }),
  });

  #configTimer: ReturnType<typeof setTimeout> | undefined;
  #realtimeClient: PlazaClient | undefined;
  #stopListening: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configTimer = setTimeout(() => (this.configGraceOver = true), CONFIG_GRACE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#configTimer);
    this.#stopListening?.();
    this.#stopListening = this.#realtimeClient = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('groupId') && changed.get('groupId') !== undefined) {
      this.confirmingLeave = this.requestsOpen = false;
      this.announcement = this.actionError = '';
      this.requests = undefined;
      this.#requestsReadFor = null;
    }
    this.#listenForMembershipEvents();
    const group = this.#group.entry?.value;
    if (!group?.canManage) {
      // Signed out, switched user or no longer an admin: the list belonged to someone else.
      this.requestsOpen = false;
      this.requests = undefined;
      this.#requestsReadFor = null;
    } else if (
      this.requestsOpen &&
      !this.requestsLoading &&
      !this.deciding &&
      group.pendingRequestCount !== this.#requestsReadFor
    ) {
      void this.#loadRequests();
    }
  }

  /**
   * The server tells a person about their own standing with a personal `membership.updated` event (a request
   * approved or denied in a private group reaches them although they are outside it); the store only follows
   * `group.updated`, so the card re-reads its group on the personal one.
   */
  #listenForMembershipEvents() {
    const client = this.isConnected ? this.client : undefined;
    if (client === this.#realtimeClient) return;
    this.#stopListening?.();
    this.#realtimeClient = client;
    this.#stopListening = client?.realtime.on((event) => {
      if (event.type === 'membership.updated' && event.entityId === this.groupId) {
        void this.#group.reload({ refresh: true });
      }
    });
  }

  // ——— the viewer's own membership ———

  async #join(group: Group) {
    const client = this.client;
    if (!client || this.pending || !group.canJoin) return;
    await this.#run('join', async () => {
      const joined = await client.groups.join(group.id);
      const membership = joined.membership === 'admin' ? 'admin' : 'member';
      this.#emit(new PlazaJoinEvent(group.id, membership));
      void this.#announce(this.localize.term('group.joined', { name: group.name }));
    });
  }

  async #requestToJoin(group: Group) {
    const client = this.client;
    if (!client || this.pending || !group.canRequest) return;
    await this.#run('request', async () => {
      await client.groups.requestToJoin(group.id);
      this.#emit(new PlazaRequestEvent(group.id, 'sent'));
      void this.#announce(this.localize.term('group.requestSent'));
    });
  }

  async #cancelRequest(group: Group) {
    const client = this.client;
    if (!client || this.pending || !group.canCancelRequest) return;
    await this.#run('cancel', async () => {
      await client.groups.cancelRequest(group.id);
      this.#emit(new PlazaRequestEvent(group.id, 'cancelled'));
      void this.#announce(this.localize.term('group.requestCancelled'));
    });
  }

  #askToLeave() {
    if (this.pending) return;
    this.confirmingLeave = true;
    this.actionError = '';
    this.#focus('[data-focus="leave-cancel"]');
  }

  #stayInGroup() {
    this.confirmingLeave = false;
    this.#focus('[data-focus="leave"]');
  }

  async #leave(group: Group) {
    const client = this.client;
    if (!client || this.pending || !group.canLeave) return;
    if (!this.#emit(new PlazaBeforeLeaveEvent(group.id))) {
      this.#stayInGroup();
      return;
    }
    const left = await this.#run('leave', async () => {
      await client.groups.leave(group.id);
      this.confirmingLeave = false;
      this.#emit(new PlazaLeaveEvent(group.id));
      void this.#announce(this.localize.term('group.left', { name: group.name }));
    });
    if (!left) this.#stayInGroup();
  }

  /**
   * Runs one membership write; `pending` (set before the first await) makes every further click a no-op until
   * it settles, so a double click sends one request. A refusal goes to the alert region; a 409 means the card
   * was out of date, so it waits for the SDK's re-read and shows the true state. Focus then moves to the new
   * first action (or stays where it was after a refusal, if that control still exists).
   */
  async #run(kind: Exclude<Pending, null>, action: () => Promise<void>): Promise<boolean> {
    this.pending = kind;
    this.actionError = '';
    this.announcement = '';
    let done = false;
    try {
      await action();
      done = true;
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
      if (isPlazaError(error) && error.status === 409) await this.#group.reload({ refresh: true });
    } finally {
      this.pending = null;
    }
    await this.updateComplete;
    if (done || !(this.renderRoot as ShadowRoot).activeElement) this.#focusFirstAction();
    return done;
  }

  #focusFirstAction() {
    this.#focus('[part~="actions"] button', '#name');
  }

  // ——— join requests (managers) ———

  async #toggleRequests() {
    this.requestsOpen = !this.requestsOpen;
    this.actionError = '';
    if (!this.requestsOpen) return;
    // Always a fresh list on opening; then focus its first decision (or the retry, or stay on the toggle).
    await this.#loadRequests();
    if (this.requestsOpen) this.#focus('[part~="request"] button', '.requests-panel button');
  }

  async #loadRequests() {
    const client = this.client;
    const group = this.#group.entry?.value;
    if (!client || !group) return;
    this.requestsLoading = true;
    this.requestsError = undefined;
    this.#requestsReadFor = group.pendingRequestCount;
    try {
      const items = await client.groups.requests(group.id);
      if (group.id === this.groupId) this.requests = items;
    } catch (error) {
      this.requestsError = error;
    } finally {
      this.requestsLoading = false;
    }
  }

  async #retryRequests() {
    await this.#loadRequests();
    this.#focus('[part~="request"] button', '.requests-panel button');
  }

  async #decide(request: GroupRequest, approve: boolean) {
    const client = this.client;
    const group = this.#group.entry?.value;
    if (!client || !group || this.deciding || this.pending) return;
    const { id: userId, name } = request.user;
    const index = this.requests?.findIndex((r) => r.user.id === userId) ?? -1;
    this.deciding = userId;
    this.actionError = '';
    this.announcement = '';
    let handled = false;
    try {
      await (approve ? client.groups.approve(group.id, userId) : client.groups.deny(group.id, userId));
      handled = true;
      void this.#announce(this.localize.term(approve ? 'group.approved' : 'group.denied', { name }));
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
      // 409: someone else decided or the person withdrew meanwhile; either way the request is gone.
      handled = isPlazaError(error) && error.status === 409;
      if (handled) await this.#group.reload({ refresh: true });
    } finally {
      this.deciding = null;
    }
    if (!handled) return;
    this.requests = this.requests?.filter((r) => r.user.id !== userId);
    await this.updateComplete;
    // Focus the request that moved into this one's place, else the one before, else the disclosure.
    const rest = this.requests ?? [];
    const next = rest[Math.min(index, rest.length - 1)];
    const toggle = '[data-focus="requests-toggle"]';
    this.#focus(
      ...(next
        ? [`[part~="request"][data-user="${CSS.escape(next.user.id)}"] [data-focus="approve"]`, toggle]
        : [toggle]),
    );
  }

  // ——— helpers ———

  /** Dispatches one of the typed events (listed by name in the class JSDoc, where the manifest reads them). */
  #emit(event: PlazaJoinEvent | PlazaRequestEvent | PlazaBeforeLeaveEvent | PlazaLeaveEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** Sets the live region's text; clearing it first makes a repeated message speak again. */
  async #announce(text: string) {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  /** Focuses the first element that matches one of `selectors`, tried in order, once rendered. */
  #focus(...selectors: string[]) {
    void this.updateComplete.then(() => {
      for (const selector of selectors) {
        const element = this.renderRoot.querySelector<HTMLElement>(selector);
        if (element) return element.focus();
      }
    });
  }

  async #retry() {
    this.retrying = true;
    await this.#group.reload();
    await this.#me.reload();
    this.retrying = false;
    this.#focus(this.#group.entry?.value ? '#name' : '[data-focus="retry"]');
  }

  /** The group's home from `href-template`; only http(s) or relative URLs become links. */
  #href(group: Group): string | undefined {
    const template = this.hrefTemplate?.trim();
    if (!template) return undefined;
    const href = template.replaceAll('{id}', encodeURIComponent(group.id));
    try {
      const url = new URL(href, document.baseURI);
      return url.protocol === 'http:' || url.protocol === 'https:' ? href : undefined;
    } catch {
      return undefined;
    }
  }

  // ——— rendering ———

  protected override render() {
    const client = this.client;
    const entry = this.#group.entry;
    const group = entry?.value;
    const me = this.#me.entry;
    const meLoading = me?.status === 'loading' && me.value === undefined;

    let body: TemplateResult;
    let labelled = false;
    if (!client || !this.groupId) {
      // Give a late <plaza-config>, Plaza.configure or group-id a moment before calling it a mistake.
      body = !this.configGraceOver
        ? this.#renderSkeleton()
        : this.#renderMessage(client ? 'group.notFound' : 'group.notConfigured');
    } else if (group && !meLoading) {
      body = this.#renderGroup(group, me?.value === null);
      labelled = true;
    } else if (entry?.status === 'error' || (this.retrying && entry?.status !== 'ready')) {
      body = this.#renderLoadError(entry?.error);
    } else {
      body = this.#renderSkeleton();
    }

    return html`<div
      part="base"
      class="base ${this.layout === 'compact' ? 'compact' : 'full'}"
      role=${ifDefined(labelled ? 'group' : undefined)}
      aria-labelledby=${ifDefined(labelled ? 'name' : undefined)}
      aria-busy=${this.pending || this.deciding || this.retrying ? 'true' : 'false'}
      lang=${this.localize.lang()}
      dir=${this.localize.dir()}
      data-theme=${ifDefined(this.theme)}
    >
      ${body}
      <p part="status" class="status" role="status">${this.announcement}</p>
      <p part="error" class="error" role="alert">${this.actionError}</p>
    </div>`;
  }

  /** The same boxes as a loaded card (cover, name, badges, description, people, one button): no layout shift. */
  #renderSkeleton() {
    const compact = this.layout === 'compact';
    return html`<div class="skeleton" aria-hidden="true">
        ${compact ? nothing : html`<div class="cover bone"></div>`}
        <div class="body">
          <div class="main">
            <div class="head">
              ${compact ? html`<div class="thumb bone"></div>` : nothing}
              <div class="title">
                <div class="name"><span class="bone bone-text w-60"></span></div>
                <div class="meta"><span class="bone bone-badge"></span><span class="bone bone-badge"></span></div>
              </div>
            </div>
            <div class="description">
              <span class="bone bone-text"></span><span class="bone bone-text"></span
              ><span class="bone bone-text w-70"></span>
            </div>
          </div>
          <div class="side">
            <div class="people">
              <div class="people-row">
                <span class="bone bone-facepile"></span><span class="bone bone-text w-5rem"></span>
              </div>
              <span class="bone bone-text small w-50"></span>
            </div>
          </div>
          <div class="footer"><span class="bone bone-button"></span></div>
        </div>
      </div>
      <span class="visually-hidden">${this.localize.term('group.loading')}</span>`;
  }

  #renderMessage(key: 'group.notConfigured' | 'group.notFound' | 'group.forbidden') {
    return html`<div class="state"><p>${this.localize.term(key)}</p></div>`;
  }

  #renderLoadError(error: unknown) {
    const code = errorCode(error);
    if (code === 'not_found') return this.#renderMessage('group.notFound');
    if (code === 'forbidden') return this.#renderMessage('group.forbidden');
    return html`<div class="state">
      <p>${this.localize.term('group.loadFailed')}</p>
      ${error ? html`<p class="notice">${errorMessage(this.localize, error)}</p>` : nothing}
      <button
        type="button"
        data-focus="retry"
        aria-disabled=${this.retrying ? 'true' : 'false'}
        @click=${() => !this.retrying && this.#retry()}
      >
        ${this.localize.term(this.retrying ? 'retrying' : 'retry')}
      </button>
    </div>`;
  }

  #renderGroup(group: Group, signedOut: boolean) {
    const compact = this.layout === 'compact';
    const href = this.#href(group);
    const contentLang = ifDefined(group.locale ?? undefined);
    return html`${compact ? nothing : this.#renderCover(group, 'cover')}
      <div class="body">
        <div class="main">
          <div class="head">
            ${compact ? this.#renderCover(group, 'thumb') : nothing}
            <div class="title">
              <p part="name" id="name" class="name" tabindex="-1" lang=${contentLang}>
                ${href ? html`<a part="link" href=${href}>${group.name}</a>` : group.name}
              </p>
              <p part="meta" class="meta">
                <span
                  part="badge"
                  class="badge"
                  title=${this.localize.term(group.visibility === 'public' ? 'group.publicHint' : 'group.privateHint')}
                  >${this.localize.term(group.visibility === 'public' ? 'group.public' : 'group.private')}</span
                >
                <span part="badge" class="badge">${this.localize.term(`group.policy.${group.joinPolicy}`)}</span>
              </p>
            </div>
          </div>
          ${this.#renderDescription(group)}
        </div>
        <div class="side">${this.#renderPeople(group)} ${this.#renderContributors(group)}</div>
        ${this.#renderFooter(group, signedOut)}
      </div>
      ${this.#renderRequests(group)}`;
  }

  #renderCover(group: Group, kind: 'cover' | 'thumb') {
    if (group.coverUrl && group.coverUrl !== this.brokenCover) {
      const url = group.coverUrl;
      return html`<img
        part="cover"
        class=${kind}
        src=${url}
        alt=${group.coverAlt ?? ''}
        @error=${() => (this.brokenCover = url)}
      />`;
    }
    // Decorative: the name is right next to it.
    return html`<div
      part="cover"
      class="${kind} placeholder"
      aria-hidden="true"
      ${styleProps({ '--_cover-color': colourFor(group.id) })}
    >
      <span>${initials(group.name)}</span>
    </div>`;
  }

  #renderDescription(group: Group) {
    const paragraphs = plainParagraphs(group.description);
    if (paragraphs.length === 0) return nothing;
    return html`<div part="description" class="description" lang=${ifDefined(group.locale ?? undefined)}>
      ${paragraphs.map((text) => html`<p>${text}</p>`)}
    </div>`;
  }

  #renderPeople(group: Group) {
    const count = html`<span part="count" class="count"
      >${this.localize.plural('group.members', group.memberCount)}</span
    >`;
    if (!group.contentVisible || group.members === null) {
      return html`<div part="people" class="people">
        <div class="people-row">${count}</div>
        <p class="notice">${this.localize.term('group.membersHidden')}</p>
      </div>`;
    }
    const shown = group.members.slice(0, GROUP_LIMITS.facepileMax);
    const more = Math.max(0, group.memberCount - shown.length);
    const admins = group.admins ?? [];
    return html`<div part="people" class="people">
      <div class="people-row">
        ${
          shown.length
            ? html`<ul part="facepile" class="facepile" aria-label=${this.localize.term('group.facepile')}>
                ${shown.map(
                  (member) =>
                    html`<li title=${member.name}>
                      ${this.#renderAvatar(member)}<span class="visually-hidden">${member.name}</span>
                    </li>`,
                )}
                ${
                  more > 0
                    ? html`<li class="more">
                        <span part="avatar" class="avatar more-avatar" aria-hidden="true"
                          >+${this.localize.number(more)}</span
                        ><span class="visually-hidden">${this.localize.plural('group.moreMembers', more)}</span>
                      </li>`
                    : nothing
                }
              </ul>`
            : nothing
        }
        ${count}
      </div>
      ${
        admins.length
          ? html`<p part="admins" class="admins">
              ${this.localize.plural('group.admins', admins.length, {
                names: this.localize.list(admins.map((a) => a.name)),
              })}
            </p>`
          : nothing
      }
    </div>`;
  }

  #renderAvatar(person: UserRef) {
    return person.avatarUrl
      ? html`<img part="avatar" class="avatar" src=${person.avatarUrl} alt="" />`
      : html`<span
          part="avatar"
          class="avatar"
          aria-hidden="true"
          ${styleProps({ '--_avatar-color': colourFor(person.id) })}
          >${initials(person.name)}</span
        >`;
  }

  #renderContributors(group: Group) {
    // People of a private group are for its members only, whatever the host page passes in.
    const contributors = group.contentVisible
      ? (this.topContributors ?? group.topContributors ?? []).slice(0, CONTRIBUTORS_MAX)
      : [];
    if (contributors.length === 0) return nothing;
    return html`<section part="contributors" class="contributors" aria-labelledby="contributors-title">
      <p id="contributors-title" class="section-title">${this.localize.term('group.contributors')}</p>
      <ol>
        ${contributors.map(
          ({ user, posts, answers, acceptedAnswers }) =>
            html`<li class="person">
              ${this.#renderAvatar(user)}
              <span class="who">
                <span class="person-name">${user.name}</span>
                <span class="person-meta"
                  >${this.localize.list([
                    this.localize.plural('group.posts', posts),
                    this.localize.plural('group.answers', answers),
                    ...(acceptedAnswers > 0 ? [this.localize.plural('group.acceptedAnswers', acceptedAnswers)] : []),
                  ])}</span
                >
              </span>
            </li>`,
        )}
      </ol>
    </section>`;
  }

  #renderFooter(group: Group, signedOut: boolean) {
    const term = this.localize.term.bind(this.localize);
    const busy = this.pending ? 'true' : 'false';
    const actions: TemplateResult[] = [];
    let hint: TemplateResult | string | null = null;
    const member = group.membership === 'admin' || group.membership === 'member';

    if (member) {
      actions.push(
        html`<span part="badge" class="badge standing"
          >${term(group.membership === 'admin' ? 'group.youAreAdmin' : 'group.youAreMember')}</span
        >`,
      );
      if (group.canLeave && !this.confirmingLeave) {
        actions.push(
          html`<button
            type="button"
            class="danger"
            data-focus="leave"
            aria-disabled=${busy}
            @click=${() => this.#askToLeave()}
          >
            ${term(this.pending === 'leave' ? 'group.leaving' : 'group.leave')}
          </button>`,
        );
      } else if (group.leaveBlockedReason === 'last-admin') {
        // Focusable (aria-disabled, not disabled) so keyboard and screen-reader users find the reason.
        actions.push(
          html`<button type="button" data-focus="leave" aria-disabled="true" aria-describedby="hint">
            ${term('group.leave')}
          </button>`,
        );
        hint = term('group.lastAdmin');
      }
    } else if (signedOut) {
      hint = term(
        group.joinPolicy === 'invite'
          ? 'group.inviteOnly'
          : group.joinPolicy === 'request'
            ? 'group.signInToRequest'
            : 'group.signInToJoin',
      );
    } else if (group.membership === 'pending') {
      if (group.canCancelRequest) {
        actions.push(
          html`<button type="button" aria-disabled=${busy} @click=${() => this.#cancelRequest(group)}>
            ${term(this.pending === 'cancel' ? 'group.cancelling' : 'group.cancelRequest')}
          </button>`,
        );
      }
      hint = term('group.pending');
    } else if (group.canJoin) {
      actions.push(
        html`<button type="button" class="primary" aria-disabled=${busy} @click=${() => this.#join(group)}>
          ${term(this.pending === 'join' ? 'group.joining' : 'group.join')}
        </button>`,
      );
    } else if (group.canRequest) {
      actions.push(
        html`<button
          type="button"
          class="primary"
          aria-disabled=${busy}
          aria-describedby="hint"
          @click=${() => this.#requestToJoin(group)}
        >
          ${term(this.pending === 'request' ? 'group.requesting' : 'group.requestToJoin')}
        </button>`,
      );
      hint = term('group.requestHint');
    } else {
      hint = term('group.inviteOnly');
    }

    return html`<div class="footer">
      ${actions.length ? html`<div part="actions" class="actions">${actions}</div>` : nothing}
      ${hint ? html`<p part="hint" id="hint" class="notice">${hint}</p>` : nothing} ${this.#renderLeaveConfirm(group)}
    </div>`;
  }

  #renderLeaveConfirm(group: Group) {
    if (!this.confirmingLeave || !group.canLeave) return nothing;
    return html`<div
      part="confirm"
      class="confirm"
      role="group"
      aria-labelledby="confirm-text"
      @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && !this.pending && this.#stayInGroup()}
    >
      <p id="confirm-text">${this.localize.term(`group.leaveConfirm.${group.joinPolicy}`, { name: group.name })}</p>
      <div class="actions">
        <button
          type="button"
          class="danger"
          aria-disabled=${this.pending ? 'true' : 'false'}
          @click=${() => this.#leave(group)}
        >
          ${this.localize.term(this.pending === 'leave' ? 'group.leaving' : 'group.leaveConfirmAction')}
        </button>
        <button type="button" data-focus="leave-cancel" @click=${() => this.#stayInGroup()}>
          ${this.localize.term('group.cancel')}
        </button>
      </div>
    </div>`;
  }

  #renderRequests(group: Group) {
    const count = group.pendingRequestCount;
    if (!group.canManage || count === null || (count === 0 && !this.requestsOpen)) return nothing;
    const label =
      count === 0
        ? this.localize.term('group.noPendingRequests')
        : this.localize.plural('group.pendingRequests', count);
    return html`<div part="requests" class="requests">
      <button
        type="button"
        class="disclosure"
        data-focus="requests-toggle"
        aria-expanded=${this.requestsOpen ? 'true' : 'false'}
        aria-controls="requests-panel"
        @click=${() => this.#toggleRequests()}
      >
        <span class="chevron" aria-hidden="true"></span>${label}
      </button>
      <div
        id="requests-panel"
        class="requests-panel"
        ?hidden=${!this.requestsOpen}
        @keydown=${(event: KeyboardEvent) => {
          // Escape closes the disclosure and returns to its button, as in a menu.
          if (event.key !== 'Escape') return;
          this.requestsOpen = false;
          this.#focus('[data-focus="requests-toggle"]');
        }}
      >
        ${this.requestsOpen ? this.#renderRequestList() : nothing}
      </div>
    </div>`;
  }

  #renderRequestList() {
    const requests = this.requests;
    if (this.requestsError && !requests) {
      return html`<p class="notice">${this.localize.term('group.requestsFailed')}</p>
        <p class="notice">${errorMessage(this.localize, this.requestsError)}</p>
        <button
          type="button"
          aria-disabled=${this.requestsLoading ? 'true' : 'false'}
          @click=${() => !this.requestsLoading && this.#retryRequests()}
        >
          ${this.localize.term(this.requestsLoading ? 'retrying' : 'retry')}
        </button>`;
    }
    if (!requests) return html`<p class="notice" role="status">${this.localize.term('group.requestsLoading')}</p>`;
    // Empty: the disclosure's own label already says "No pending requests".
    if (requests.length === 0) return nothing;
    const busy = this.deciding || this.pending ? 'true' : 'false';
    return html`<ul class="request-list" aria-label=${this.localize.term('group.requestsLabel')}>
      ${repeat(
        requests,
        (request) => request.user.id,
        (request) => {
          const { user } = request;
          const when = this.localize.term('group.requestedAt', {
            when: this.localize.relativeTime(request.requestedAt),
          });
          return html`<li part="request" class="person request" data-user=${user.id}>
            ${this.#renderAvatar(user)}
            <span class="who">
              <span class="person-name">${user.name}</span>
              <span class="person-meta"
                >${user.title ? html`${user.title} · ` : nothing}<time
                  datetime=${request.requestedAt}
                  title=${this.localize.date(request.requestedAt)}
                  >${when}</time
                ></span
              >
            </span>
            <span class="request-actions">
              <button
                type="button"
                class="primary"
                data-focus="approve"
                aria-disabled=${busy}
                @click=${() => this.#decide(request, true)}
              >
                ${this.localize.term('group.approve')}<span class="visually-hidden"> ${user.name}</span>
              </button>
              <button
                type="button"
                data-focus="deny"
                aria-disabled=${busy}
                @click=${() => this.#decide(request, false)}
              >
                ${this.localize.term('group.deny')}<span class="visually-hidden"> ${user.name}</span>
              </button>
            </span>
          </li>`;
        },
      )}
    </ul>`;
  }
}

/** Up to two letters for an avatar or cover placeholder: "Emergency Vets" → "EV". */
function initials(name: string): string {
  const words = name.split(/[\s\-—–_/&]+/u).filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.slice(0, 2).map((word) => [...word.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '');
  return letters.join('').toLocaleUpperCase();
}

/** Background colours that keep white initials at ≥ 4.5:1 in both themes. */
const PALETTE = ['#0b57d0', '#116329', '#8a3ffc', '#a0306c', '#953800', '#0e6e7a', '#5e4b8b', '#7d4e00'];

/** A stable colour per id, so a person or group keeps theirs on every page. */
function colourFor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/**
 * The description as plain-text paragraphs, one per top-level block of the server's node tree, until the
 * shared rich-text renderer arrives (it will replace the content of `part="description"`): formatting is
 * dropped, links keep their text, mentions and topics their `@name` / `#tag`. Never parsed as HTML.
 */
function plainParagraphs(description: RichText): string[] {
  return description.nodes.map((node) => blockText(node).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function blockText(node: BlockNode): string {
  switch (node.type) {
    case 'paragraph':
      return node.children.map(inlineText).join('');
    case 'codeBlock':
      return node.text;
    case 'quote':
      return node.children.map(blockText).join(' ');
    case 'list':
      return node.items.map((item) => item.children.map(blockText).join(' ')).join(' · ');
  }
}

function inlineText(node: InlineNode): string {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.text;
    case 'mention':
      return `@${node.name}`;
    case 'topic':
      return `#${node.tag}`;
    case 'image':
      return node.alt;
    default:
      return node.children.map(inlineText).join('');
  }
}
