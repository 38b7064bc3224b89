import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { ReportReason, Comment, CommentThread, Post, PostImage, ReactionSummary, UserRef } from '@plaza/contract';
import { POST_LIMITS, REPORT_REASONS, isBlank } from '@plaza/contract/limits';
import type { CommentsState } from '@plaza/sdk';
import { ClockController } from '../internal/clock.ts';
import { errorCode, errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import { fileUrl, renderRichText, type RichTextOptions } from '../internal/rich-text.ts';
import { siblingTag } from '../internal/sibling-tag.ts';
import { StoreController } from '../internal/store-controller.ts';
import type { TermKey } from '../locales/types.ts';
import { PlazaAcknowledgeEvent, PlazaReactEvent } from './events.ts';
import { checkIcon, pinIcon, reactionIcons, urgentIcon } from './icons.ts';
import { postStyles } from './feed.styles.ts';
import { postsApi } from '@plaza/sdk/posts';
import { feedStrings } from '../locales/feed.ts';

const MINUTE = 60_000;

type Pending = 'react' | 'ack' | 'delete' | 'report' | 'hide' | 'restore' | 'comments' | 'comment-edit' | null;

/** "Alex Morgan" → "AM". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words;
  return letters.map((word) => [...word][0]!.toLocaleUpperCase()).join('');
}

/**
 * One post of the feed, read from the SDK store (`('post', id)`), so the same post in two feeds is one state
 * and realtime updates (reactions, comments, edits) apply in place. Author with avatar or initials, a relative
 * time that stays current, the rich-text body, image thumbnails with a viewer, an attached poll, reactions,
 * the "I have read this" acknowledgement of announcements, comments with one level of replies, and the
 * author's and moderators' actions (edit, delete, report, hide, restore).
 *
 * @tag plaza-post
 * @summary One post with reactions and comments.
 *
 * @csspart post - The article.
 * @csspart header - Author, time and the actions menu.
 * @csspart avatar - The author's picture or initials.
 * @csspart body - The rendered text.
 * @csspart images - The thumbnails.
 * @csspart reactions - The reaction buttons.
 * @csspart acknowledgement - The "I have read this" area.
 * @csspart comments - The comments section.
 *
 * @cssprop --plaza-color-accent - Links, own reaction, buttons.
 * @cssprop --plaza-color-danger - Urgent announcements and destructive actions.
 * @cssprop --plaza-color-urgent-surface - Background of an urgent announcement.
 * @cssprop --plaza-color-border - Borders.
 *
 * @event {PlazaReactEvent} plaza-react - After the viewer's reaction changed.
 * @event {PlazaCommentEvent} plaza-comment - After a comment or reply was accepted.
 * @event {PlazaAcknowledgeEvent} plaza-acknowledge - After the viewer confirmed an announcement.
 * @event {PlazaBeforeVoteEvent} plaza-before-vote - From a poll in a post: before a ballot (or a retraction) is sent. Cancelable.
 * @event {PlazaVoteEvent} plaza-vote - From a poll in a post: after the server accepted the ballot.
 * @event {PlazaPollCloseEvent} plaza-poll-close - From a poll in a post: after the viewer closed the poll.
 */
export class PlazaPost extends PlazaElement {
  static override styles = [...PlazaElement.styles, postStyles];
  static override strings = [feedStrings];

  /** Id of the post to show. */
  @property({ attribute: 'post-id', reflect: true }) postId = '';
  /** URL template of a person's profile (`{id}`): mentions become links. */
  @property({ attribute: 'mention-url' }) mentionUrl: string | null = null;
  /** URL template of a topic page (`{topic}`): topics become links. */
  @property({ attribute: 'topic-url' }) topicUrl: string | null = null;
  /** Without `topic-url`: called when a topic is activated (the feed filters by it). */
  @property({ attribute: false }) onTopic: ((tag: string) => void) | undefined = undefined;
  /**
   * Called with the post's id after the viewer deleted it (the element may already be gone from the list), so
   * the host can move focus to a neighbour.
   */
  @property({ attribute: false }) onRemoved: ((id: string) => void) | undefined = undefined;
  /** Comments shown at first and per "show more". */
  @property({ type: Number, attribute: 'comment-page-size' }) commentPageSize: number = POST_LIMITS.commentPageDefault;

  @state() private pending: Pending = null;
  @state() private editing = false;
  @state() private confirmingDelete = false;
  @state() private reporting = false;
  @state() private reportReason: ReportReason = 'spam';
  @state() private reportNote = '';
  @state() private commentsOpen = false;
  /** The comments were opened once: from then on they stay rendered (hidden when collapsed), drafts and all. */
  @state() private commentsShown = false;
  @state() private replyTo: string | null = null;
  @state() private editingComment: string | null = null;
  @state() private commentDraft = '';
  /** Why saving the comment being edited failed, said beside its field. */
  @state() private commentEditError = '';
  /** Escape was pressed once over a changed comment: a second press discards the change. */
  @state() private commentDiscardArmed = false;
  @state() private confirmingComment: string | null = null;
  @state() private actionError = '';
  @state() private announcement = '';
  @state() private viewerIndex = -1;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  #post = new StoreController<Post>(this, {
    type: 'post',
    target: () => {
      const client = this.client;
      return client && this.postId ? { client, id: this.postId } : undefined;
    },
    load: (client, id, refresh) => postsApi(client).posts.get(id, { refresh }),
  });

  #comments = new StoreController<CommentsState>(this, {
    type: 'comments',
    target: () => {
      const client = this.client;
      return client && this.postId && this.commentsShown ? { client, id: this.postId } : undefined;
    },
    load: (client, id, refresh) => postsApi(client).posts.comments(id, { refresh, limit: this.commentPageSize }),
  });

  #clock = new ClockController(this, () => {
    const post = this.#post.entry?.value;
    if (!post) return null;
    const age = Date.now() - Date.parse(post.createdAt);
    return age < MINUTE ? 10_000 : age < 60 * MINUTE ? 30_000 : 5 * MINUTE;
  });

  /** The opener of the image viewer, to return focus to. */
  #viewerOpener: HTMLElement | null = null;

  get #richText(): RichTextOptions {
    return {
      baseUrl: this.client?.baseUrl,
      mentionUrl: this.mentionUrl,
      topicUrl: this.topicUrl,
      onTopic: this.onTopic,
    };
  }

  // ——— actions ———

  /**
   * Runs one write; a refusal shows in the alert region (the store already rolled back). On success focus moves
   * to `focus` (a selector) once rendered; on failure it stays where it was.
   */
  async #run(kind: Exclude<Pending, null>, action: () => Promise<unknown>, focus?: string, done?: string) {
    if (this.pending) return false;
    this.pending = kind;
    this.actionError = '';
    let ok = false;
    try {
      await action();
      ok = true;
      if (done) void this.#announce(done);
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
    } finally {
      this.pending = null;
    }
    if (ok && focus) this.#focus(focus);
    return ok;
  }

  async #announce(text: string) {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  #focus(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #react(post: Post, reaction: ReactionSummary) {
    const client = this.client;
    if (!client) return;
    const on = !reaction.mine;
    void this.#run('react', async () => {
      if (on) await postsApi(client).posts.react(post.id, reaction.kind);
      else await postsApi(client).posts.unreact(post.id, reaction.kind);
      this.#emit(new PlazaReactEvent(post.id, on ? reaction.kind : null));
    });
  }

  #acknowledge(post: Post) {
    const client = this.client;
    if (!client) return;
    void this.#run(
      'ack',
      async () => {
        await postsApi(client).posts.acknowledge(post.id);
        this.#emit(new PlazaAcknowledgeEvent(post.id));
      },
      '.acknowledged',
      this.localize.term('feed.post.acknowledgedAnnouncement'),
    );
  }

  async #delete(post: Post) {
    const client = this.client;
    if (!client) return;
    const onRemoved = this.onRemoved;
    const ok = await this.#run('delete', () => postsApi(client).posts.delete(post.id));
    if (ok) {
      this.confirmingDelete = false;
      // The feed removes this element and moves focus to a neighbour.
      onRemoved?.(post.id);
    } else this.#focus('[data-focus="delete-confirm"]');
  }

  async #report(post: Post, event: Event) {
    event.preventDefault();
    const client = this.client;
    if (!client) return;
    const ok = await this.#run(
      'report',
      () =>
        postsApi(client).posts.report(post.id, {
          reason: this.reportReason,
          note: isBlank(this.reportNote) ? undefined : this.reportNote.trim(),
        }),
      '.title-line',
      this.localize.term('feed.post.reported'),
    );
    if (ok) {
      this.reporting = false;
      this.reportNote = '';
    }
  }

  #moderate(post: Post, hide: boolean) {
    const client = this.client;
    if (!client) return;
    void this.#run(
      hide ? 'hide' : 'restore',
      () => (hide ? postsApi(client).posts.hide(post.id) : postsApi(client).posts.restore(post.id)),
      hide ? '[data-focus="restore"]' : '[data-focus="hide"]',
      this.localize.term(hide ? 'feed.post.hiddenDone' : 'feed.post.restoredDone'),
    );
  }

  #toggleComments() {
    this.commentsOpen = !this.commentsOpen;
    this.commentsShown ||= this.commentsOpen;
    if (this.commentsOpen) this.#focus('.comments .composer');
  }

  async #moreComments() {
    const client = this.client;
    if (!client) return;
    await this.#run(
      'comments',
      () => postsApi(client).posts.moreComments(this.postId, { limit: this.commentPageSize }),
      '.comment-list > li:first-child .comment-body',
    );
  }

  async #saveComment(comment: Comment, event: Event) {
    event.preventDefault();
    const client = this.client;
    if (!client) return;
    this.commentEditError = '';
    if (isBlank(this.commentDraft)) {
      this.commentEditError = this.localize.term('feed.composer.empty');
      this.#focus(`#edit-${comment.id}`);
      return;
    }
    const ok = await this.#run('comment-edit', () =>
      postsApi(client).posts.editComment(comment.postId, comment.id, { body: this.commentDraft }),
    );
    if (ok) {
      this.#closeCommentEdit(comment);
    } else {
      // Said beside the field it is about, not at the foot of the post below every comment.
      this.commentEditError = this.actionError;
      this.actionError = '';
      this.#focus(`#edit-${comment.id}`);
    }
  }

  #editComment(comment: Comment) {
    this.editingComment = comment.id;
    this.commentDraft = comment.body.source;
    this.commentEditError = '';
    this.commentDiscardArmed = false;
    this.#focus(`#edit-${comment.id}`);
  }

  #closeCommentEdit(comment: Comment) {
    this.editingComment = null;
    this.commentEditError = '';
    this.commentDiscardArmed = false;
    this.#focus(`[data-comment="${comment.id}"] .comment-body`);
  }

  async #deleteComment(comment: Comment) {
    const client = this.client;
    if (!client) return;
    const ok = await this.#run('comment-edit', () => postsApi(client).posts.deleteComment(comment.postId, comment.id));
    if (ok) {
      this.confirmingComment = null;
      this.#focus('.comments-toggle');
    }
  }

  #openViewer(index: number, event: Event) {
    this.#viewerOpener = event.currentTarget as HTMLElement;
    this.viewerIndex = index;
    void this.updateComplete.then(() => {
      const dialog = this.dialog;
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  #closeViewer() {
    this.dialog?.close();
  }

  #onViewerClosed() {
    this.viewerIndex = -1;
    this.#viewerOpener?.focus();
  }

  #onViewerKey(event: KeyboardEvent, count: number) {
    if (event.key === 'ArrowRight') this.viewerIndex = (this.viewerIndex + 1) % count;
    else if (event.key === 'ArrowLeft') this.viewerIndex = (this.viewerIndex - 1 + count) % count;
  }

  /** Dispatches one of the typed events (listed by name in the class JSDoc, where the manifest reads them). */
  #emit(event: PlazaReactEvent | PlazaAcknowledgeEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** `<plaza-composer>`, or `<acme-composer>` inside `<acme-post>` (see `definePlaza`). */
  #tag(name: 'composer' | 'poll') {
    return siblingTag(this, 'post', name);
  }

  // ——— rendering ———

  protected override render() {
    const entry = this.#post.entry;
    const post = entry?.value;
    if (!post) {
      if (entry?.status === 'error') {
        return errorCode(entry.error) === 'not_found'
          ? nothing
          : html`<article part="post" class="post">
              <p class="notice">${errorMessage(this.localize, entry.error)}</p>
            </article>`;
      }
      return html`<div part="post" class="post skeleton" aria-hidden="true">
        <div class="bone bone-head"></div>
        <div class="bone bone-line"></div>
        <div class="bone bone-line short"></div>
      </div>`;
    }
    const ann = post.announcement;
    const urgent = !!ann?.urgent;
    const t = this.localize;
    const labelId = `author-${post.id}`;
    return html`<article
      part="post"
      class=${classMap({ post: true, urgent, pinned: !!ann?.pinned, hidden: post.hidden, announcement: !!ann })}
      aria-labelledby="${labelId} time-${post.id}"
      aria-describedby=${ifDefined(urgent ? `flag-${post.id}` : undefined)}
      lang=${t.lang()}
      dir=${t.dir()}
      aria-busy=${this.pending ? 'true' : 'false'}
    >
      ${
        ann
          ? html`<p id="flag-${post.id}" class=${classMap({ flag: true, urgent })}>
              ${urgent ? urgentIcon : pinIcon}
              ${t.term(urgent ? 'feed.post.urgent' : ann.pinned ? 'feed.post.pinned' : 'feed.post.announcement')}${
                ann.expiresAt
                  ? html` ·
                      <span class="expires"
                        >${t.term('feed.post.until', { when: t.date(ann.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</span
                      >`
                  : nothing
              }
            </p>`
          : nothing
      }
      ${post.hidden ? html`<p class="flag hidden-flag">${t.term('feed.post.hiddenNotice')}</p>` : nothing}
      ${this.#renderHeader(post, labelId)}
      ${
        this.editing
          ? staticHtml`<${this.#tag('composer')}
              class="composer"
              mode="edit"
              .post=${post}
              @plaza-composer-close=${() => {
                this.editing = false;
                this.#focus('.actions-menu summary');
              }}
            ></${this.#tag('composer')}>`
          : html`<div part="body" class="body rich-text">${renderRichText(post.body.nodes, this.#richText)}</div>`
      }
      ${post.images.length ? this.#renderImages(post.images) : nothing}
      ${post.pollId ? staticHtml`<${this.#tag('poll')} class="poll" poll-id=${post.pollId}></${this.#tag('poll')}>` : nothing}
      ${this.confirmingDelete ? this.#renderDeleteConfirm(post) : nothing}
      ${this.reporting ? this.#renderReportForm(post) : nothing}
      ${post.acknowledgement ? this.#renderAcknowledgement(post) : nothing} ${this.#renderReactions(post)}
      ${this.#renderCommentsToggle(post)} ${this.commentsShown ? this.#renderComments(post) : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <p class="error" role="alert">${this.actionError}</p>
    </article>`;
  }

  #renderAvatar(user: UserRef, small = false) {
    return user.avatarUrl
      ? html`<img part="avatar" class=${classMap({ avatar: true, small })} src=${user.avatarUrl} alt="" />`
      : html`<span part="avatar" class=${classMap({ avatar: true, small })} aria-hidden="true"
          >${initials(user.name)}</span
        >`;
  }

  #renderTime(value: string, id?: string, edited?: string | null) {
    const t = this.localize;
    return html`<time id=${ifDefined(id)} class="time" datetime=${value} title=${t.date(value)}
        >${t.relativeTime(value, this.#clock.now)}</time
      >${edited ? html`<span class="edited" title=${t.date(edited)}> · ${t.term('feed.post.edited')}</span>` : nothing}`;
  }

  #renderHeader(post: Post, labelId: string) {
    const t = this.localize;
    const actions: TemplateResult[] = [];
    const item = (key: TermKey, onClick: () => void, extra: { danger?: boolean; focus?: string } = {}) =>
      html`<li>
        <button
          type="button"
          class=${classMap({ danger: !!extra.danger })}
          data-focus=${ifDefined(extra.focus)}
          @click=${(event: Event) => {
            (event.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
            onClick();
          }}
        >
          ${t.term(key)}
        </button>
      </li>`;
    if (post.canEdit) actions.push(item('feed.post.edit', () => ((this.editing = true), this.#focusComposer())));
    if (post.canDelete)
      actions.push(
        item('feed.post.delete', () => ((this.confirmingDelete = true), this.#focus('[data-focus="delete-cancel"]')), {
          danger: true,
        }),
      );
    if (post.canReport)
      actions.push(item('feed.post.report', () => ((this.reporting = true), this.#focus('.report select'))));
    if (post.canModerate)
      actions.push(
        post.hidden
          ? item('feed.post.restore', () => this.#moderate(post, false), { focus: 'restore' })
          : item('feed.post.hide', () => this.#moderate(post, true), { focus: 'hide' }),
      );
    return html`<header part="header" class="header">
      ${this.#renderAvatar(post.author)}
      <div class="who">
        <p class="title-line" tabindex="-1">
          <span class="name" id=${labelId}>${post.author.name}</span>${
            post.author.title ? html`<span class="role">${post.author.title}</span>` : nothing
          }
        </p>
        <p class="meta">${this.#renderTime(post.createdAt, `time-${post.id}`, post.editedAt)}</p>
      </div>
      ${
        actions.length
          ? html`<details class="actions-menu">
              <summary aria-label=${t.term('feed.post.actions', { name: post.author.name })}>
                <span aria-hidden="true">⋯</span>
              </summary>
              <ul class="menu">
                ${actions}
              </ul>
            </details>`
          : nothing
      }
    </header>`;
  }

  #focusComposer() {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.composer')?.focus());
  }

  #renderImages(images: PostImage[]) {
    const t = this.localize;
    const base = this.client?.baseUrl;
    const current = images[this.viewerIndex];
    return html`<ul part="images" class=${classMap({ images: true, [`count-${images.length}`]: true })}>
        ${images.map(
          (image, index) =>
            html`<li>
              <button
                type="button"
                class="thumb"
                aria-label=${t.term('feed.post.openImage', {
                  alt: image.alt || t.term('feed.post.image'),
                  n: t.number(index + 1),
                  total: t.number(images.length),
                })}
                @click=${(event: Event) => this.#openViewer(index, event)}
              >
                <img
                  src=${fileUrl(base, image.fileId)}
                  alt=""
                  width=${image.width}
                  height=${image.height}
                  loading="lazy"
                  decoding="async"
                />
              </button>
            </li>`,
        )}
      </ul>
      <dialog
        class="viewer"
        aria-label=${t.term('feed.post.viewer')}
        @close=${this.#onViewerClosed}
        @keydown=${(event: KeyboardEvent) => this.#onViewerKey(event, images.length)}
      >
        ${
          current
            ? html`<figure>
                  <img src=${fileUrl(base, current.fileId)} alt=${current.alt} />
                  <figcaption>
                    ${current.alt}
                    <span class="muted"
                      >${t.term('feed.post.imageOf', { n: t.number(this.viewerIndex + 1), total: t.number(images.length) })}</span
                    >
                  </figcaption>
                </figure>
                <div class="viewer-actions">
                  ${
                    images.length > 1
                      ? html`<button
                            type="button"
                            @click=${() => (this.viewerIndex = (this.viewerIndex - 1 + images.length) % images.length)}
                          >
                            ${t.term('feed.post.previous')}
                          </button>
                          <button
                            type="button"
                            @click=${() => (this.viewerIndex = (this.viewerIndex + 1) % images.length)}
                          >
                            ${t.term('feed.post.next')}
                          </button>`
                      : nothing
                  }
                  <button type="button" class="primary" autofocus @click=${this.#closeViewer}>
                    ${t.term('feed.close')}
                  </button>
                </div>`
            : nothing
        }
      </dialog>`;
  }

  #renderDeleteConfirm(post: Post) {
    const t = this.localize;
    return html`<div class="confirm" role="group" aria-labelledby="delete-text-${post.id}">
      <p id="delete-text-${post.id}">${t.term('feed.post.deleteConfirm')}</p>
      <div class="row">
        <button
          type="button"
          class="danger"
          data-focus="delete-confirm"
          aria-disabled=${this.pending ? 'true' : 'false'}
          @click=${() => this.#delete(post)}
        >
          ${t.term('feed.post.deleteConfirmAction')}
        </button>
        <button
          type="button"
          data-focus="delete-cancel"
          @click=${() => {
            this.confirmingDelete = false;
            this.#focus('.actions-menu summary');
          }}
        >
          ${t.term('feed.cancel')}
        </button>
      </div>
    </div>`;
  }

  #renderReportForm(post: Post) {
    const t = this.localize;
    return html`<form class="report confirm" @submit=${(event: Event) => this.#report(post, event)}>
      <p class="report-title">${t.term('feed.post.reportTitle')}</p>
      <label
        >${t.term('feed.post.reportReason')}
        <select
          @change=${(event: Event) => (this.reportReason = (event.target as HTMLSelectElement).value as ReportReason)}
        >
          ${REPORT_REASONS.map(
            (reason) =>
              html`<option value=${reason} ?selected=${reason === this.reportReason}>
                ${t.term(`feed.reason.${reason}`)}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${t.term('feed.post.reportNote')}
        <textarea
          rows="2"
          maxlength=${POST_LIMITS.reportNoteMax}
          .value=${live(this.reportNote)}
          @input=${(event: Event) => (this.reportNote = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      <div class="row">
        <button type="submit" class="danger" aria-disabled=${this.pending ? 'true' : 'false'}>
          ${t.term('feed.post.reportSend')}
        </button>
        <button
          type="button"
          @click=${() => {
            this.reporting = false;
            this.#focus('.actions-menu summary');
          }}
        >
          ${t.term('feed.cancel')}
        </button>
      </div>
    </form>`;
  }

  #renderAcknowledgement(post: Post) {
    const ack = post.acknowledgement!;
    const t = this.localize;
    const signedOut = this.client?.store.get<unknown>('me', 'current')?.value === null;
    return html`<div part="acknowledgement" class="ack">
      ${
        ack.acknowledged
          ? html`<p class="acknowledged" tabindex="-1">${checkIcon} ${t.term('feed.post.youAcknowledged')}</p>`
          : signedOut
            ? html`<p class="notice">${t.term('feed.post.signInToAcknowledge')}</p>`
            : html`<button
                type="button"
                class="primary"
                aria-disabled=${this.pending === 'ack' ? 'true' : 'false'}
                @click=${() => this.#acknowledge(post)}
              >
                ${t.term('feed.post.acknowledge')}
              </button>`
      }
      ${
        ack.count !== null && ack.memberCount !== null
          ? html`<p class="ack-count">
              ${t.plural('feed.post.acknowledgedBy', ack.memberCount, { acknowledged: t.number(ack.count) })}
            </p>`
          : nothing
      }
    </div>`;
  }

  #reactorsText(reaction: ReactionSummary): string {
    const t = this.localize;
    if (reaction.count === 0) return t.term('feed.reactions.none');
    const names = reaction.reactors.map((person) => person.name);
    const others = reaction.count - names.length;
    if (others > 0) names.push(t.plural('feed.reactions.others', others));
    return t.list(names);
  }

  #renderReactions(post: Post) {
    const t = this.localize;
    const me = this.client?.store.get<unknown>('me', 'current')?.value;
    const signedOut = me === null;
    return html`<div part="reactions" class="reactions" role="group" aria-label=${t.term('feed.reactions.label')}>
      ${post.reactions.map((reaction) => {
        const id = `reactors-${post.id}-${reaction.kind}`;
        return html`<span class="reaction-wrap">
          <button
            type="button"
            class=${classMap({ reaction: true, mine: reaction.mine })}
            aria-pressed=${reaction.mine ? 'true' : 'false'}
            aria-describedby=${id}
            aria-disabled=${signedOut || this.pending === 'react' ? 'true' : 'false'}
            @click=${() => !signedOut && this.pending !== 'react' && this.#react(post, reaction)}
          >
            ${reactionIcons[reaction.kind]}
            <span class="reaction-label">${t.term(`feed.reactions.${reaction.kind}`)}</span>
            ${reaction.count ? html`<span class="reaction-count">${t.number(reaction.count)}</span>` : nothing}
          </button>
          <span id=${id} role="tooltip" class="tooltip">${this.#reactorsText(reaction)}</span>
        </span>`;
      })}
    </div>`;
  }

  #renderCommentsToggle(post: Post) {
    const t = this.localize;
    return html`<button
      type="button"
      class="link comments-toggle"
      aria-expanded=${this.commentsOpen ? 'true' : 'false'}
      aria-controls="comments-${post.id}"
      @click=${this.#toggleComments}
    >
      ${post.commentCount ? t.plural('feed.comments.count', post.commentCount) : t.term('feed.comments.write')}
    </button>`;
  }

  #renderComments(post: Post) {
    const t = this.localize;
    const entry = this.#comments.entry;
    const state = entry?.value;
    const signedIn = this.client?.store.get<unknown>('me', 'current')?.value;
    const shown = state ? state.items.reduce((sum, thread) => sum + 1 + thread.replies.length, 0) : 0;
    const hiddenCount = state ? Math.max(0, state.total - shown) : 0;
    return html`<section
      part="comments"
      class="comments"
      ?hidden=${!this.commentsOpen}
      id="comments-${post.id}"
      aria-label=${t.term('feed.comments.label')}
    >
      ${
        state && state.nextCursor && hiddenCount > 0
          ? html`<button type="button" class="link more-comments" @click=${this.#moreComments}>
              ${t.plural('feed.comments.showMore', hiddenCount)}
            </button>`
          : nothing
      }
      ${
        !state && entry?.status === 'error'
          ? html`<p class="notice">
              ${errorMessage(this.localize, entry.error)}
              <button type="button" @click=${() => this.#comments.reload()}>${t.term('retry')}</button>
            </p>`
          : !state
            ? html`<p class="notice" role="status">${t.term('feed.comments.loading')}</p>`
            : html`<ul class="comment-list">
                ${state.items.map((thread) => this.#renderThread(post, thread))}
              </ul>`
      }
      ${
        signedIn
          ? staticHtml`<${this.#tag('composer')}
              class="composer"
              mode="comment"
              .postId=${post.id}
            ></${this.#tag('composer')}>`
          : html`<p class="notice">${t.term('feed.comments.signIn')}</p>`
      }
    </section>`;
  }

  #renderThread(post: Post, thread: CommentThread) {
    const t = this.localize;
    const signedIn = !!this.client?.store.get<unknown>('me', 'current')?.value;
    return html`<li>
      ${this.#renderComment(thread)}
      ${
        thread.replies.length
          ? html`<ul class="replies">
              ${thread.replies.map((reply) => html`<li>${this.#renderComment(reply)}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this.replyTo === thread.id
          ? staticHtml`<${this.#tag('composer')}
              mode="comment"
              class="composer reply-composer"
              .postId=${post.id}
              .parentId=${thread.id}
              @plaza-composer-close=${() => {
                this.replyTo = null;
                this.#focus(`[data-reply="${thread.id}"]`);
              }}
            ></${this.#tag('composer')}>`
          : signedIn
            ? html`<button
                type="button"
                class="link small"
                data-reply=${thread.id}
                aria-label=${t.term('feed.comments.replyTo', { name: thread.author.name })}
                @click=${() => {
                  this.replyTo = thread.id;
                  void this.updateComplete.then(() =>
                    this.renderRoot.querySelector<HTMLElement>('.reply-composer')?.focus(),
                  );
                }}
              >
                ${t.term('feed.comments.reply')}
              </button>`
            : nothing
      }
    </li>`;
  }

  #renderComment(comment: Comment) {
    const t = this.localize;
    const editing = this.editingComment === comment.id;
    return html`<div class="comment" data-comment=${comment.id}>
      ${this.#renderAvatar(comment.author, true)}
      <div class="comment-main">
        <p class="comment-head">
          <span class="name">${comment.author.name}</span>
          ${this.#renderTime(comment.createdAt, undefined, comment.editedAt)}
        </p>
        ${
          editing
            ? html`<form class="comment-edit" @submit=${(event: Event) => this.#saveComment(comment, event)}>
                <label class="visually-hidden" for="edit-${comment.id}">${t.term('feed.comments.editLabel')}</label>
                <textarea
                  id="edit-${comment.id}"
                  rows="2"
                  aria-invalid=${this.commentEditError ? 'true' : 'false'}
                  aria-describedby=${ifDefined(this.commentEditError ? `edit-error-${comment.id}` : undefined)}
                  .value=${live(this.commentDraft)}
                  @input=${(event: Event) => {
                    this.commentDraft = (event.target as HTMLTextAreaElement).value;
                    this.commentDiscardArmed = false;
                  }}
                  @keydown=${(event: KeyboardEvent) => {
                    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
                      void this.#saveComment(comment, event);
                    if (event.key === 'Escape') {
                      event.preventDefault();
                      // As in the composer: over a change, the first Escape only asks.
                      const changed = this.commentDraft !== comment.body.source;
                      if (changed && !this.commentDiscardArmed) this.commentDiscardArmed = true;
                      else this.#closeCommentEdit(comment);
                    }
                  }}
                ></textarea>
                <p class="error" id="edit-error-${comment.id}" role="alert">${this.commentEditError}</p>
                <p class="notice" role="status">
                  ${this.commentDiscardArmed ? t.term('feed.composer.discardAgain') : ''}
                </p>
                <div class="row">
                  <button type="submit" class="primary">${t.term('feed.composer.save')}</button>
                  <button type="button" @click=${() => this.#closeCommentEdit(comment)}>
                    ${t.term('feed.cancel')}
                  </button>
                </div>
              </form>`
            : html`<div class="comment-body rich-text" tabindex="-1">
                ${renderRichText(comment.body.nodes, this.#richText)}
              </div>`
        }
        ${
          comment.images.length
            ? html`<ul class="comment-images">
                ${comment.images.map(
                  (image) =>
                    html`<li>
                      <a href=${fileUrl(this.client?.baseUrl, image.fileId)} target="_blank" rel="noopener noreferrer"
                        ><img src=${fileUrl(this.client?.baseUrl, image.fileId)} alt=${image.alt} loading="lazy"
                      /></a>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        ${
          this.confirmingComment === comment.id
            ? html`<div class="confirm" role="group" aria-label=${t.term('feed.comments.deleteConfirm')}>
                <p>${t.term('feed.comments.deleteConfirm')}</p>
                <div class="row">
                  <button
                    type="button"
                    class="danger"
                    data-focus="comment-delete"
                    @click=${() => this.#deleteComment(comment)}
                  >
                    ${t.term('feed.post.deleteConfirmAction')}
                  </button>
                  <button
                    type="button"
                    @click=${() => {
                      this.confirmingComment = null;
                      this.#focus(`[data-comment="${comment.id}"] .comment-body`);
                    }}
                  >
                    ${t.term('feed.cancel')}
                  </button>
                </div>
              </div>`
            : !editing && (comment.canEdit || comment.canDelete)
              ? html`<p class="comment-actions">
                  ${
                    comment.canEdit
                      ? html`<button type="button" class="link small" @click=${() => this.#editComment(comment)}>
                          ${t.term('feed.post.edit')}
                        </button>`
                      : nothing
                  }
                  ${
                    comment.canDelete
                      ? html`<button
                          type="button"
                          class="link small danger"
                          @click=${() => {
                            this.confirmingComment = comment.id;
                            this.#focus('[data-focus="comment-delete"]');
                          }}
                        >
                          ${t.term('feed.post.delete')}
                        </button>`
                      : nothing
                  }
                </p>`
              : nothing
        }
      </div>
    </div>`;
  }
}
