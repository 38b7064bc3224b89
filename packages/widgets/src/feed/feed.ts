import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Group, Post, RealtimeEvent, ReportedPost, User } from '@plaza/contract';
import type { FeedQuery, FeedState, PlazaClient } from '@plaza/sdk';
import { errorCode, errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import { siblingTag } from '../internal/sibling-tag.ts';
import { StoreController } from '../internal/store-controller.ts';
import { feedStyles } from './feed.styles.ts';
import type { PlazaPost } from './post.ts';
import { postsApi } from '@plaza/sdk/posts';
import { feedStrings } from '../locales/feed.ts';

/** How long an element without any configuration shows its skeleton before saying so (late providers). */
const CONFIG_GRACE_MS = 2000;

/**
 * The feed: posts, announcements, reactions, comments and realtime for the whole company (no `group-id`) or one
 * group, optionally filtered by topic or author. Pinned announcements come first; urgent ones stand out and
 * ask "I have read this". New posts by others do not jump in under the reader's eyes: a "N new posts" button
 * (announced politely) shows them. Reactions, comments, edits and moderation apply in place, live. Cursor
 * paging with "Load more", or automatically with `infinite-scroll`. Managers see reported posts and can hide
 * or restore them.
 *
 * @tag plaza-feed
 * @summary Posts, announcements, reactions and comments, live.
 *
 * @csspart base - The widget's box.
 * @csspart composer - The composer (`compose`).
 * @csspart banner - The "N new posts" button.
 * @csspart list - The list of posts.
 * @csspart more - The "Load more" button.
 * @csspart moderation - The reported-posts panel (managers).
 * @csspart status - The polite live region.
 * @csspart error - The alert region, and the message of the error state.
 *
 * @cssprop --plaza-color-accent - Buttons, links, own reactions.
 * @cssprop --plaza-color-on-accent - Text on primary buttons.
 * @cssprop --plaza-color-surface - Background of posts.
 * @cssprop --plaza-color-text - Text.
 * @cssprop --plaza-color-text-muted - Times, counts, hints.
 * @cssprop --plaza-color-border - Borders of posts and fields.
 * @cssprop --plaza-color-control-border - Button and field borders.
 * @cssprop --plaza-color-danger - Urgent announcements, errors, destructive actions.
 * @cssprop --plaza-color-urgent-surface - Background of urgent announcements.
 * @cssprop --plaza-color-track - Skeleton, code background.
 * @cssprop --plaza-color-focus - Focus ring.
 * @cssprop --plaza-radius - Corner radius.
 * @cssprop --plaza-spacing - Base unit of the spacing scale.
 * @cssprop --plaza-density - Multiplies spacing and control heights.
 * @cssprop --plaza-font-family - Font; the page's by default.
 * @cssprop --plaza-font-size - Base font size; the page's by default.
 *
 * @event {PlazaBeforePostEvent} plaza-before-post - Before a new post is sent. Cancelable.
 * @event {PlazaPostEvent} plaza-post - After a new post was accepted.
 * @event {PlazaReactEvent} plaza-react - After the viewer's reaction changed.
 * @event {PlazaCommentEvent} plaza-comment - After a comment or reply was accepted.
 * @event {PlazaAcknowledgeEvent} plaza-acknowledge - After the viewer confirmed an announcement.
 * @event {PlazaBeforeVoteEvent} plaza-before-vote - From a poll in a post: before a ballot (or a retraction) is sent. Cancelable.
 * @event {PlazaVoteEvent} plaza-vote - From a poll in a post: after the server accepted the ballot.
 * @event {PlazaPollCloseEvent} plaza-poll-close - From a poll in a post: after the viewer closed the poll.
 */
export class PlazaFeed extends PlazaElement {
  static override styles = [...PlazaElement.styles, feedStyles];
  static override strings = [feedStrings];

  /** Show this group's feed; the company-wide feed the viewer may see when empty. */
  @property({ attribute: 'group-id', reflect: true }) groupId: string | null = null;
  /** Only posts with this #topic (without `#`). */
  @property({ reflect: true }) topic: string | null = null;
  /** Only posts by this person. */
  @property({ attribute: 'author-id', reflect: true }) authorId: string | null = null;
  /** Posts per page, 1–50 (default 20). */
  @property({ type: Number, attribute: 'page-size' }) pageSize: number | null = null;
  /** Show the composer (signed-in people who may post here). */
  @property({ type: Boolean, reflect: true }) compose = false;
  /** Load the next page automatically when the end of the list scrolls into view. */
  @property({ type: Boolean, attribute: 'infinite-scroll' }) infiniteScroll = false;
  /** URL template of a person's profile, `{id}` replaced: mentions become links (plain text without). */
  @property({ attribute: 'mention-url' }) mentionUrl: string | null = null;
  /** URL template of a topic page, `{topic}` replaced; without it a topic filters this feed. */
  @property({ attribute: 'topic-url' }) topicUrl: string | null = null;

  /** A topic chosen by activating one in a post (when there is no `topic-url`). */
  @state() private topicFilter: string | null = null;
  /** Posts created by others since the list was loaded (their ids), shown by the banner. */
  @state() private newPostIds: string[] = [];
  @state() private announcement = '';
  @state() private retrying = false;
  @state() private configGraceOver = false;
  @state() private moderationOpen = false;
  @state() private reports: ReportedPost[] | null = null;
  @state() private reportsError = '';

  #feed = new StoreController<FeedState>(this, {
    type: 'feed',
    target: () => {
      const client = this.client;
      return client ? { client, id: postsApi(client).feed.key(this.#query()) } : undefined;
    },
    load: (client, _id, refresh) => postsApi(client).feed.load(this.#query(), { refresh }),
  });

  #me = new StoreController<User | null>(this, {
    type: 'me',
    target: () => {
      const client = this.client;
      return client ? { client, id: 'current' } : undefined;
    },
    load: (client, _id, refresh) => client.me({ refresh }),
  });

  #group = new StoreController<Group>(this, {
    type: 'group',
    target: () => {
      const client = this.client;
      return client && this.groupId ? { client, id: this.groupId } : undefined;
    },
    load: (client, id, refresh) => client.groups.get(id, { refresh }),
  });

  #configTimer: ReturnType<typeof setTimeout> | undefined;
  #realtimeClient: PlazaClient | undefined;
  #stopRealtime: (() => void) | undefined;
  #observer: IntersectionObserver | undefined;
  #observed: Element | undefined;

  #query(): FeedQuery {
    return {
      groupId: this.groupId || null,
      topic: this.topicFilter ?? (this.topic || null),
      authorId: this.authorId || null,
      limit: this.pageSize || null,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configTimer = setTimeout(() => (this.configGraceOver = true), CONFIG_GRACE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#configTimer);
    this.#stopRealtime?.();
    this.#stopRealtime = this.#realtimeClient = undefined;
    this.#observer?.disconnect();
    this.#observer = this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('groupId') || changed.has('topic') || changed.has('authorId') || changed.has('pageSize')) {
      this.newPostIds = [];
    }
    if (changed.has('topic') && changed.get('topic') !== undefined) this.topicFilter = null;
    this.#takeNewer();
    const client = this.client;
    if (client !== this.#realtimeClient) {
      this.#stopRealtime?.();
      this.#realtimeClient = client;
      this.#stopRealtime = client?.realtime.on((event) => void this.#onEvent(client, event));
    }
  }

  protected override updated(): void {
    this.#observeEnd();
  }

  /** The feed's `newerIds` last taken into the banner (a re-read while the event stream was down found them). */
  #newerTaken: string[] | undefined;

  /** Posts a re-read found (no event came for them: the stream was down) join the banner like those of events. */
  #takeNewer() {
    const feed = this.#feed.entry?.value;
    if (!feed || feed.newerIds === this.#newerTaken) return;
    this.#newerTaken = feed.newerIds;
    const added = feed.newerIds.filter((id) => !feed.postIds.includes(id) && !this.newPostIds.includes(id));
    if (added.length === 0) return;
    this.newPostIds = [...this.newPostIds, ...added];
    void this.#announce(this.localize.plural('feed.newPosts', this.newPostIds.length));
  }

  /** Posts by others: counted for the banner when they belong in this feed (never inserted under the reader). */
  async #onEvent(client: PlazaClient, event: RealtimeEvent) {
    if (event.type !== 'post.created') return;
    const query = this.#query();
    if (query.groupId && event.groupId !== query.groupId) return;
    const feed = this.#feed.entry?.value;
    if (!feed || feed.postIds.includes(event.entityId) || this.newPostIds.includes(event.entityId)) return;
    let post: Post;
    try {
      post = await postsApi(client).posts.get(event.entityId);
    } catch {
      return;
    }
    if (query.topic && !post.topics.includes(query.topic.toLowerCase())) return;
    if (query.authorId && post.author.id !== query.authorId) return;
    if (this.#feed.entry?.value?.postIds.includes(post.id) || this.newPostIds.includes(post.id)) return;
    this.newPostIds = [...this.newPostIds, post.id];
    void this.#announce(this.localize.plural('feed.newPosts', this.newPostIds.length));
  }

  async #showNewPosts() {
    const count = this.newPostIds.length;
    this.newPostIds = [];
    await this.#feed.reload({ refresh: true });
    void this.#announce(this.localize.plural('feed.newPostsShown', count));
    await this.updateComplete;
    const firstPost = this.renderRoot.querySelector<PlazaPost>('.feed-post');
    await firstPost?.updateComplete;
    firstPost?.shadowRoot?.querySelector<HTMLElement>('.title-line')?.focus();
  }

  async #announce(text: string) {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  async #loadMore() {
    const client = this.client;
    const feed = this.#feed.entry?.value;
    if (!client || !feed || feed.loadingMore || feed.nextCursor === null) return;
    const before = feed.postIds.length;
    try {
      const next = await postsApi(client).feed.more(this.#query());
      void this.#announce(this.localize.plural('feed.loadedMore', next.postIds.length - before));
    } catch {
      // Kept in the feed state (`moreError`) and shown by the button.
    }
  }

  #observeEnd() {
    if (!this.infiniteScroll || typeof IntersectionObserver === 'undefined') {
      this.#observer?.disconnect();
      this.#observed = undefined;
      return;
    }
    const sentinel = this.renderRoot.querySelector('.sentinel') ?? undefined;
    if (sentinel === this.#observed) return;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        const feed = this.#feed.entry?.value;
        if (entries.some((entry) => entry.isIntersecting) && feed && !feed.moreError) void this.#loadMore();
      },
      { rootMargin: '400px 0px' },
    );
    if (this.#observed) this.#observer.unobserve(this.#observed);
    this.#observed = sentinel;
    if (sentinel) this.#observer.observe(sentinel);
  }

  #filterByTopic = (tag: string) => {
    this.topicFilter = tag;
    void this.#announce(this.localize.term('feed.filteredBy', { topic: tag }));
    this.#focus('.filter button');
  };

  #clearTopic() {
    this.topicFilter = null;
    void this.#announce(this.localize.term('feed.filterCleared'));
    this.#focus('.list-heading');
  }

  #focus(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** The post ids of the last render: after a deletion the neighbours are found here. */
  #renderedIds: string[] = [];
  #previousIds: string[] = [];

  /** After a post was deleted: focus moves to the next post (or the previous, or the list heading). */
  #onPostRemoved = (id: string) => {
    const ids = this.#renderedIds.includes(id) ? this.#renderedIds : this.#previousIds;
    const index = ids.indexOf(id);
    const remaining = this.#feed.entry?.value?.postIds ?? [];
    const candidates = [...ids.slice(index + 1), ...ids.slice(0, index).reverse()];
    const next = index >= 0 ? candidates.find((candidate) => remaining.includes(candidate)) : undefined;
    void this.#announce(this.localize.term('feed.post.deleted'));
    void this.updateComplete.then(async () => {
      const element = next
        ? [...this.renderRoot.querySelectorAll<PlazaPost>('.feed-post')].find((post) => post.postId === next)
        : undefined;
      if (element) {
        await element.updateComplete;
        element.shadowRoot?.querySelector<HTMLElement>('.title-line')?.focus();
      } else this.renderRoot.querySelector<HTMLElement>('.list-heading')?.focus();
    });
  };

  async #retry() {
    this.retrying = true;
    await Promise.all([this.#feed.reload(), this.#me.reload(), this.#group.reload()]);
    this.retrying = false;
    this.#focus(this.#feed.entry?.value ? '.list-heading' : '[data-focus="retry"]');
  }

  async #toggleModeration() {
    this.moderationOpen = !this.moderationOpen;
    if (this.moderationOpen) await this.#loadReports();
  }

  async #loadReports() {
    const client = this.client;
    if (!client) return;
    this.reportsError = '';
    try {
      const reports = await postsApi(client).moderation.reports();
      this.reports = this.groupId ? reports.filter((item) => item.post.groupId === this.groupId) : reports;
    } catch (error) {
      this.reportsError = errorMessage(this.localize, error);
    }
  }

  async #moderate(post: Post, hide: boolean) {
    const client = this.client;
    if (!client) return;
    try {
      if (hide) await postsApi(client).posts.hide(post.id);
      else await postsApi(client).posts.restore(post.id);
      void this.#announce(this.localize.term(hide ? 'feed.post.hiddenDone' : 'feed.post.restoredDone'));
      await this.#loadReports();
      this.#focus(`[data-report="${post.id}"] button`);
    } catch (error) {
      this.reportsError = errorMessage(this.localize, error);
    }
  }

  // ——— rendering ———

  protected override render() {
    const client = this.client;
    const entry = this.#feed.entry;
    const feed = entry?.value;
    const meEntry = this.#me.entry;
    const me = meEntry?.value;
    const t = this.localize;

    // Who is reading decides the composer and every post's actions, so the posts wait for it. Should that fail,
    // the feed says so (Retry asks again) rather than showing the posts: their polls would ask for the reader
    // once more as they mount, and each answer would take the posts down and put them up again.
    const meFailed = meEntry?.status === 'error' && me === undefined;
    const meWaiting = meEntry?.status === 'loading' && me === undefined;
    let body: TemplateResult;
    if (!client) {
      body = this.configGraceOver ? this.#renderMessage(t.term('feed.notConfigured')) : this.#renderSkeleton();
    } else if (feed && !meWaiting && !meFailed) {
      body = this.#renderFeed(feed, me ?? null);
    } else if (entry?.status === 'error' || meFailed || (this.retrying && (entry?.status !== 'ready' || meWaiting))) {
      body = this.#renderLoadError(entry?.status === 'error' ? entry.error : meEntry?.error);
    } else {
      body = this.#renderSkeleton();
    }

    return html`<div
      part="base"
      class="base"
      lang=${t.lang()}
      dir=${t.dir()}
      data-theme=${ifDefined(this.theme)}
      aria-busy=${feed?.loadingMore || this.retrying ? 'true' : 'false'}
    >
      ${body}
      <p part="status" class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  #renderSkeleton() {
    return html`<div class="skeleton" aria-hidden="true">
        ${[0, 1, 2].map(
          () =>
            html`<div class="post-bone">
              <div class="bone-row">
                <span class="bone bone-avatar"></span>
                <span class="bone bone-name"></span>
              </div>
              <span class="bone bone-line"></span>
              <span class="bone bone-line"></span>
              <span class="bone bone-line short"></span>
            </div>`,
        )}
      </div>
      <span class="visually-hidden" role="status">${this.localize.term('feed.loading')}</span>`;
  }

  #renderMessage(text: string, extra: TemplateResult | typeof nothing = nothing) {
    return html`<div class="state">
      <p>${text}</p>
      ${extra}
    </div>`;
  }

  #renderLoadError(error: unknown) {
    const t = this.localize;
    const code = errorCode(error);
    if (code === 'not_found' && this.groupId) return this.#renderMessage(t.term('feed.forbidden'));
    if (code === 'forbidden') return this.#renderMessage(t.term('feed.forbidden'));
    return html`<div class="state" part="error">
      <p>${t.term('feed.loadFailed')}</p>
      ${error ? html`<p class="notice">${errorMessage(t, error)}</p>` : nothing}
      <button
        type="button"
        data-focus="retry"
        aria-disabled=${this.retrying ? 'true' : 'false'}
        @click=${() => !this.retrying && this.#retry()}
      >
        ${t.term(this.retrying ? 'retrying' : 'retry')}
      </button>
    </div>`;
  }

  #canPost(me: User | null): boolean {
    if (!me) return false;
    if (!this.groupId) return true;
    const membership = this.#group.entry?.value?.membership;
    return membership === 'admin' || membership === 'member';
  }

  #canManage(me: User | null): boolean {
    if (!me) return false;
    if (!this.groupId) return me.role === 'manager';
    return !!this.#group.entry?.value?.canManage;
  }

  #renderFeed(feed: FeedState, me: User | null) {
    const t = this.localize;
    const canPost = this.#canPost(me);
    const manager = this.#canManage(me);
    const topic = this.topicFilter;
    const post = siblingTag(this, 'feed', 'post');
    if (feed.postIds !== this.#renderedIds) {
      this.#previousIds = this.#renderedIds;
      this.#renderedIds = feed.postIds;
    }
    return html`${this.compose ? this.#renderComposerArea(me, canPost, manager) : nothing}
      ${manager ? this.#renderModeration() : nothing}
      <h2 class="list-heading visually-hidden" tabindex="-1">${t.term('feed.heading')}</h2>
      ${
        topic
          ? html`<p class="filter">
              ${t.term('feed.filteredBy', { topic })}
              <button type="button" class="link" @click=${this.#clearTopic}>${t.term('feed.clearFilter')}</button>
            </p>`
          : nothing
      }
      ${
        this.newPostIds.length
          ? html`<button type="button" part="banner" class="banner" @click=${this.#showNewPosts}>
              <span aria-hidden="true">↑</span> ${t.plural('feed.newPosts', this.newPostIds.length)}
            </button>`
          : nothing
      }
      ${
        feed.postIds.length === 0
          ? html`<div class="state empty">
              <p>${t.term(canPost && this.compose ? 'feed.empty' : 'feed.emptyReadOnly')}</p>
            </div>`
          : html`<ul part="list" class="list" aria-label=${t.term('feed.heading')}>
              ${repeat(
                feed.postIds,
                (id) => id,
                (id) =>
                  staticHtml`<li>
                    <${post}
                      class="feed-post"
                      .postId=${id}
                      .mentionUrl=${this.mentionUrl}
                      .topicUrl=${this.topicUrl}
                      .onTopic=${this.topicUrl ? undefined : this.#filterByTopic}
                      .onRemoved=${this.#onPostRemoved}
                    ></${post}>
                  </li>`,
              )}
            </ul>`
      }
      ${this.#renderMore(feed)}`;
  }

  #renderComposerArea(me: User | null, canPost: boolean, manager: boolean) {
    const t = this.localize;
    if (!me) return html`<p class="notice composer-note">${t.term('feed.signInToPost')}</p>`;
    if (!canPost) {
      return this.#group.entry?.value
        ? html`<p class="notice composer-note">${t.term('feed.joinToPost')}</p>`
        : nothing;
    }
    const composer = siblingTag(this, 'feed', 'composer');
    return staticHtml`<${composer} part="composer" .groupId=${this.groupId} ?can-announce=${manager}></${composer}>`;
  }

  #renderMore(feed: FeedState) {
    const t = this.localize;
    if (feed.nextCursor === null) {
      return feed.postIds.length > 0 ? html`<p class="end">${t.term('feed.end')}</p>` : nothing;
    }
    return html`<div class="more">
      ${feed.moreError ? html`<p class="error" role="alert">${errorMessage(t, feed.moreError)}</p>` : nothing}
      <button
        type="button"
        part="more"
        aria-disabled=${feed.loadingMore ? 'true' : 'false'}
        @click=${() => void this.#loadMore()}
      >
        ${t.term(feed.loadingMore ? 'feed.loadingMore' : feed.moreError ? 'retry' : 'feed.loadMore')}
      </button>
      ${this.infiniteScroll ? html`<div class="sentinel" aria-hidden="true"></div>` : nothing}
    </div>`;
  }

  #renderModeration() {
    const t = this.localize;
    return html`<section part="moderation" class="moderation">
      <button
        type="button"
        class="link"
        aria-expanded=${this.moderationOpen ? 'true' : 'false'}
        aria-controls="reports"
        @click=${this.#toggleModeration}
      >
        ${t.term('feed.moderation.toggle')}
      </button>
      <div id="reports" ?hidden=${!this.moderationOpen}>
        ${this.reportsError ? html`<p class="error" role="alert">${this.reportsError}</p>` : nothing}
        ${
          this.reports === null
            ? this.moderationOpen && !this.reportsError
              ? html`<p class="notice">${t.term('feed.moderation.loading')}</p>`
              : nothing
            : this.reports.length === 0
              ? html`<p class="notice">${t.term('feed.moderation.empty')}</p>`
              : html`<ul class="reports">
                  ${this.reports.map(
                    (item) =>
                      html`<li data-report=${item.post.id}>
                        <p>
                          <strong>${item.post.author.name}</strong>:
                          <span class="excerpt">${item.post.body.source.slice(0, 140)}</span>
                        </p>
                        <ul class="reasons">
                          ${item.reports.map(
                            (report) =>
                              html`<li>
                                ${t.term(`feed.reason.${report.reason}`)}${report.note ? html` — “${report.note}”` : nothing}
                                <span class="muted">(${report.reporter.name})</span>
                              </li>`,
                          )}
                        </ul>
                        ${
                          item.post.hidden
                            ? html`<button type="button" @click=${() => this.#moderate(item.post, false)}>
                                ${t.term('feed.post.restore')}
                              </button>`
                            : html`<button type="button" class="danger" @click=${() => this.#moderate(item.post, true)}>
                                ${t.term('feed.post.hide')}
                              </button>`
                        }
                      </li>`,
                  )}
                </ul>`
        }
      </div>
    </section>`;
  }
}
