import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { AnnouncementInput, CreatePostRequest, Post, UserRef } from '@plaza/contract';
import { FILE_LIMITS, IMAGE_CONTENT_TYPES, POST_LIMITS, isBlank } from '@plaza/contract/limits';
import { newIdempotencyKey } from '@plaza/sdk';
import { errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import { siblingTag } from '../internal/sibling-tag.ts';
import { PlazaBeforePostEvent, PlazaCommentEvent, PlazaPostEvent } from './events.ts';
import { composerStyles } from './feed.styles.ts';
import type { PlazaPollComposer } from './poll-composer.ts';
import { postsApi } from '@plaza/sdk/posts';
import { feedStrings } from '../locales/feed.ts';

/** An image in the draft: uploading, uploaded (has `fileId`) or failed. */
interface DraftImage {
  key: number;
  name: string;
  previewUrl: string;
  alt: string;
  /** 0…1, or null while it cannot be measured. */
  progress: number | null;
  fileId: string | null;
  error: string;
  /** Set when the image came from the post being edited (already on the server). */
  existing?: boolean;
}

/** The `@word` being typed before the caret: where it starts and what it says. */
interface MentionQuery {
  start: number;
  query: string;
}

const MENTION_BEFORE_CARET = /(?:^|[\s(])@([\p{L}\p{N}_.'-]{1,40})$/u;
const SEARCH_DELAY_MS = 150;
/** Below this many characters left, the count is announced. */
const COUNT_WARNING = 200;

let imageKeys = 0;

/**
 * The composer of the feed: a textarea for the Markdown subset (`**bold**`, `*italic*`, links, lists, code,
 * quotes), @mention autocomplete (an ARIA combobox: arrows, Enter or Tab to pick, Escape to close), #topics,
 * up to 4 images with required alt text and upload progress, an optional poll, and — for managers —
 * announcement options. Ctrl/Cmd+Enter sends. A send that fails keeps the draft and offers Retry; the retry
 * reuses the Idempotency-Key of the failed attempt, so the post appears once.
 *
 * The mention list follows the ARIA combobox pattern's keyboard model and `aria-autocomplete` /
 * `aria-controls` / `aria-activedescendant` wiring; the field keeps its implicit `textbox` role because ARIA in
 * HTML does not allow `role="combobox"` on a `<textarea>` (a multi-line field is not a combobox). The number
 * of suggestions is announced in a live region.
 *
 * `mode="comment"` makes the inline comment form of a post (`post-id`, optional `parent-id`), `mode="edit"`
 * edits `post` in place.
 *
 * @tag plaza-composer
 * @summary Write a post or comment with mentions, topics, images and a poll.
 *
 * @csspart base - The form.
 * @csspart textarea - The text field.
 * @csspart suggestions - The mention suggestions list.
 * @csspart images - The attached images.
 * @csspart count - The character count.
 * @csspart actions - The buttons.
 * @csspart error - Why the last send failed.
 *
 * @cssprop --plaza-color-accent - The send button and the active suggestion.
 * @cssprop --plaza-color-border - Borders.
 * @cssprop --plaza-color-danger - Errors and an exceeded character limit.
 *
 * @event {PlazaBeforePostEvent} plaza-before-post - Before a new post is sent. Cancelable.
 * @event {PlazaPostEvent} plaza-post - After a new post was accepted.
 * @event {PlazaCommentEvent} plaza-comment - After a comment or reply was accepted.
 */
export class PlazaComposer extends PlazaElement {
  static override styles = [...PlazaElement.styles, composerStyles];
  static override strings = [feedStrings];

  /** `post` (new post), `comment` (on `post-id`, a reply with `parent-id`) or `edit` (the `post` property). */
  @property({ reflect: true }) mode: 'post' | 'comment' | 'edit' = 'post';
  /** Group of a new post; company-wide when empty. */
  @property({ attribute: 'group-id' }) groupId: string | null = null;
  /** Post a comment belongs to. */
  @property({ attribute: 'post-id' }) postId: string | null = null;
  /** Comment a reply answers. */
  @property({ attribute: 'parent-id' }) parentId: string | null = null;
  /** The post being edited (`mode="edit"`). */
  @property({ attribute: false }) post: Post | null = null;
  /** Offer the announcement options (managers of the audience). */
  @property({ type: Boolean, attribute: 'can-announce' }) canAnnounce = false;
  /** Accessible label of the text field; a localised default otherwise. */
  @property() label: string | null = null;

  @state() private text = '';
  @state() private images: DraftImage[] = [];
  @state() private withPoll = false;
  @state() private announce = false;
  @state() private announcement: Required<Omit<AnnouncementInput, 'expiresAt'>> & { expiresAt: string } = {
    pinned: true,
    urgent: false,
    ackRequired: false,
    expiresAt: '',
  };
  @state() private pending = false;
  @state() private sendError = '';
  @state() private failed = false;
  @state() private status = '';
  @state() private suggestions: UserRef[] = [];
  @state() private activeSuggestion = 0;
  @state() private mention: MentionQuery | null = null;
  /** Escape was pressed once over unsaved changes: a second press discards them. */
  @state() private discardArmed = false;

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @query('input[type="file"]') private fileInput!: HTMLInputElement;
  @query('.poll-composer') private pollComposer!: PlazaPollComposer | null;

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #searchSeq = 0;
  /** The key of the last attempt and what it sent: a retry of the same draft reuses it. */
  #attempt: { key: string; payload: string } | null = null;
  /** A poll created for this draft by an attempt that then failed: the retry attaches it, not a new one. */
  #createdPoll: { payload: string; id: string } | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('post') && this.mode === 'edit' && this.post && changed.get('post') === undefined) {
      this.text = this.post.body.source;
      this.images = this.post.images.map((image) => ({
        key: ++imageKeys,
        name: image.alt,
        previewUrl: this.#absolute(image.url),
        alt: image.alt,
        progress: 1,
        fileId: image.fileId,
        error: '',
        existing: true,
      }));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    for (const image of this.images) if (!image.existing) URL.revokeObjectURL(image.previewUrl);
  }

  /** Moves focus into the text field. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.textarea?.focus(options));
  }

  #absolute(url: string) {
    const base = this.client?.baseUrl ?? '/';
    return `${base.endsWith('/') ? base : `${base}/`}${url.replace(/^\//, '')}`;
  }

  // ——— text and mentions ———

  #onInput(event: Event) {
    const textarea = event.target as HTMLTextAreaElement;
    this.text = textarea.value;
    this.discardArmed = false;
    if (this.sendError && !this.failed) this.sendError = '';
    this.#updateMention(textarea);
  }

  #updateMention(textarea: HTMLTextAreaElement) {
    const caret = textarea.selectionStart ?? textarea.value.length;
    const match = MENTION_BEFORE_CARET.exec(textarea.value.slice(0, caret));
    clearTimeout(this.#searchTimer);
    if (!match || !this.client) {
      this.#closeSuggestions();
      return;
    }
    const query = match[1]!;
    this.mention = { start: caret - query.length - 1, query };
    const seq = ++this.#searchSeq;
    this.#searchTimer = setTimeout(async () => {
      try {
        const people = await this.client!.users.search(query);
        if (seq !== this.#searchSeq) return;
        this.suggestions = people;
        this.activeSuggestion = 0;
        if (people.length === 0) this.status = this.localize.term('feed.composer.noMatches');
        else this.status = this.localize.plural('feed.composer.suggestions', people.length);
      } catch {
        if (seq === this.#searchSeq) this.suggestions = [];
      }
    }, SEARCH_DELAY_MS);
  }

  #closeSuggestions() {
    this.#searchSeq++;
    this.mention = null;
    this.suggestions = [];
    this.activeSuggestion = 0;
  }

  #pick(person: UserRef) {
    const mention = this.mention;
    const textarea = this.textarea;
    if (!mention || !textarea) return;
    const end = mention.start + 1 + mention.query.length;
    // Brackets in a name would end the link text early; the server shows the current name anyway.
    const name = person.name.replace(/[[\]]/g, '');
    const inserted = `@[${name}](${person.id}) `;
    this.text = this.text.slice(0, mention.start) + inserted + this.text.slice(end);
    this.#closeSuggestions();
    this.status = this.localize.term('feed.composer.mentioned', { name: person.name });
    const caret = mention.start + inserted.length;
    void this.updateComplete.then(() => {
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
    });
  }

  #onKeydown(event: KeyboardEvent) {
    const open = this.suggestions.length > 0 && this.mention !== null;
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        this.activeSuggestion = (this.activeSuggestion + step + this.suggestions.length) % this.suggestions.length;
        return;
      }
      if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
        event.preventDefault();
        this.#pick(this.suggestions[this.activeSuggestion]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.#closeSuggestions();
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.#submit();
    } else if (event.key === 'Escape' && (this.mode === 'edit' || this.parentId)) {
      event.preventDefault();
      // One stray Escape must not throw away a reply or an edit: over changes it asks for a second press.
      if (this.discardArmed || !this.#changed()) this.#cancel();
      else this.discardArmed = true;
    }
  }

  // ——— images ———

  #chooseImages() {
    this.fileInput?.click();
  }

  #onFiles(event: Event) {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const room = POST_LIMITS.imagesMax - this.images.length;
    if (files.length > room) {
      this.sendError = this.localize.term('feed.composer.tooManyImages', {
        max: this.localize.number(POST_LIMITS.imagesMax),
      });
    }
    for (const file of files.slice(0, Math.max(0, room))) this.#upload(file);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('.image:last-child input.alt')?.focus(),
    );
  }

  #upload(file: File) {
    const image: DraftImage = {
      key: ++imageKeys,
      name: file.name,
      previewUrl: URL.createObjectURL(file),
      alt: '',
      progress: 0,
      fileId: null,
      error: '',
    };
    this.images = [...this.images, image];
    const update = (change: Partial<DraftImage>) => {
      this.images = this.images.map((item) => (item.key === image.key ? { ...item, ...change } : item));
    };
    if (!(IMAGE_CONTENT_TYPES as readonly string[]).includes(file.type)) {
      update({ progress: null, error: this.localize.term('error.unsupported_media_type') });
      return;
    }
    if (file.size > FILE_LIMITS.maxBytes) {
      update({ progress: null, error: this.localize.term('feed.composer.imageTooLarge') });
      return;
    }
    const client = this.client;
    if (!client) return;
    postsApi(client)
      .files.upload(file, { onProgress: (progress) => update({ progress }) })
      .then((info) => {
        update({ fileId: info.id, progress: 1 });
        this.status = this.localize.term('feed.composer.imageUploaded', { name: file.name });
      })
      .catch((error: unknown) => update({ progress: null, error: errorMessage(this.localize, error) }));
  }

  #removeImage(key: number) {
    const index = this.images.findIndex((image) => image.key === key);
    const image = this.images[index];
    if (image && !image.existing) URL.revokeObjectURL(image.previewUrl);
    this.images = this.images.filter((item) => item.key !== key);
    void this.updateComplete.then(() => {
      const alts = this.renderRoot.querySelectorAll<HTMLElement>('input.alt');
      (alts[Math.min(index, alts.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('.add-image'))?.focus();
    });
  }

  // ——— sending ———

  #validate(): { message: string; focus: string } | null {
    if (isBlank(this.text)) return { message: this.localize.term('feed.composer.empty'), focus: 'textarea' };
    if (this.text.length > POST_LIMITS.bodyMax) {
      return {
        message: this.localize.term('feed.composer.tooLong', { max: this.localize.number(POST_LIMITS.bodyMax) }),
        focus: 'textarea',
      };
    }
    const uploading = this.images.findIndex((image) => !image.fileId && !image.error);
    if (uploading >= 0) return { message: this.localize.term('feed.composer.stillUploading'), focus: 'textarea' };
    const broken = this.images.findIndex((image) => image.error);
    if (broken >= 0) {
      return {
        message: this.localize.term('feed.composer.removeBroken'),
        focus: `.image:nth-child(${broken + 1}) .remove`,
      };
    }
    const noAlt = this.images.findIndex((image) => isBlank(image.alt));
    if (noAlt >= 0) {
      return {
        message: this.localize.term('feed.composer.needAlt'),
        focus: `.image:nth-child(${noAlt + 1}) input.alt`,
      };
    }
    return null;
  }

  async #submit() {
    const client = this.client;
    if (!client || this.pending) return;
    this.#closeSuggestions();
    const invalid = this.#validate();
    if (invalid) {
      this.sendError = invalid.message;
      this.failed = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(invalid.focus)?.focus());
      return;
    }
    let poll = null;
    if (this.mode === 'post' && this.withPoll && this.pollComposer) {
      if (this.pollComposer.validate()) return;
      poll = this.pollComposer.value;
    }
    const images = this.images.map((image) => ({ fileId: image.fileId!, alt: image.alt.trim() }));
    const body = this.text;

    this.pending = true;
    this.sendError = '';
    try {
      if (this.mode === 'post') {
        const input: CreatePostRequest = { body, groupId: this.groupId || null, images };
        if (this.canAnnounce && this.announce) {
          const expires = this.announcement.expiresAt ? new Date(this.announcement.expiresAt) : null;
          input.announcement = {
            pinned: this.announcement.pinned,
            urgent: this.announcement.urgent,
            ackRequired: this.announcement.ackRequired,
            expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : null,
          };
        }
        if (!this.#emit(new PlazaBeforePostEvent({ ...input, pollId: null }))) return;
        if (poll) {
          const pollPayload = JSON.stringify(poll);
          if (this.#createdPoll?.payload !== pollPayload) {
            this.#createdPoll = { payload: pollPayload, id: (await client.polls.create(poll)).id };
          }
          input.pollId = this.#createdPoll.id;
        }
        const post = await postsApi(client).posts.create(input, { idempotencyKey: this.#keyFor(input) });
        this.#sent();
        this.#emit(new PlazaPostEvent(post));
        this.status = this.localize.term('feed.composer.posted');
      } else if (this.mode === 'comment' && this.postId) {
        const input = { body, parentId: this.parentId, images };
        const comment = await postsApi(client).posts.comment(this.postId, input, {
          idempotencyKey: this.#keyFor(input),
        });
        this.#sent();
        this.#emit(new PlazaCommentEvent(this.postId, comment));
        this.status = this.localize.term('feed.composer.commented');
        if (this.parentId) this.#done();
      } else if (this.mode === 'edit' && this.post) {
        const input = { body, images };
        await postsApi(client).posts.edit(this.post.id, input, { idempotencyKey: this.#keyFor(input) });
        this.#attempt = null;
        this.#done();
        return;
      }
      this.focus();
    } catch (error) {
      this.failed = true;
      this.sendError = errorMessage(this.localize, error);
    } finally {
      this.pending = false;
    }
  }

  /** The same draft sent again (Retry) reuses the key of the failed attempt; a changed draft gets a new one. */
  #keyFor(input: unknown): string {
    const payload = JSON.stringify(input);
    if (this.#attempt?.payload !== payload) this.#attempt = { key: newIdempotencyKey(), payload };
    return this.#attempt.key;
  }

  #sent() {
    this.text = '';
    for (const image of this.images) if (!image.existing) URL.revokeObjectURL(image.previewUrl);
    this.images = [];
    this.withPoll = false;
    this.announce = false;
    this.failed = false;
    this.#attempt = null;
    this.#createdPoll = null;
    this.pollComposer?.reset();
  }

  /** Tells the post an edit or reply form is finished (saved or cancelled). */
  #done() {
    this.#emit(new Event('plaza-composer-close', { bubbles: false }));
  }

  #cancel() {
    this.discardArmed = false;
    this.#done();
  }

  /** Whether the draft differs from what the form opened with (the post's text and images for an edit). */
  #changed(): boolean {
    if (this.mode !== 'edit' || !this.post) return !isBlank(this.text) || this.images.length > 0;
    const before = this.post.images.map((image) => `${image.fileId} ${image.alt}`).join('\n');
    const now = this.images.map((image) => `${image.fileId ?? ''} ${image.alt}`).join('\n');
    return this.text !== this.post.body.source || now !== before;
  }

  /** Dispatches one of the typed events (listed by name in the class JSDoc, where the manifest reads them). */
  #emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  // ——— rendering ———

  protected override render() {
    const t = this.localize;
    const count = this.text.length;
    const left = POST_LIMITS.bodyMax - count;
    const over = left < 0;
    const open = this.suggestions.length > 0 && this.mention !== null;
    const label =
      this.label ??
      t.term(
        this.mode === 'comment'
          ? this.parentId
            ? 'feed.composer.replyLabel'
            : 'feed.composer.commentLabel'
          : this.mode === 'edit'
            ? 'feed.composer.editLabel'
            : 'feed.composer.label',
      );
    const submitKey =
      this.mode === 'edit'
        ? 'feed.composer.save'
        : this.mode === 'comment'
          ? this.parentId
            ? 'feed.composer.reply'
            : 'feed.composer.comment'
          : 'feed.composer.post';
    return html`<form
      part="base"
      class=${classMap({ composer: true, compact: this.mode !== 'post' })}
      novalidate
      lang=${t.lang()}
      dir=${t.dir()}
      aria-busy=${this.pending ? 'true' : 'false'}
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#submit();
      }}
    >
      <label class="visually-hidden" for="text">${label}</label>
      <div class="field">
        <textarea
          id="text"
          part="textarea"
          aria-autocomplete="list"
          aria-controls="suggestions"
          aria-activedescendant=${ifDefined(open ? `suggestion-${this.activeSuggestion}` : undefined)}
          aria-describedby="hint count"
          aria-invalid=${over ? 'true' : 'false'}
          rows=${this.mode === 'post' ? 3 : 2}
          placeholder=${t.term(this.mode === 'post' ? 'feed.composer.placeholder' : 'feed.composer.commentPlaceholder')}
          .value=${live(this.text)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @click=${(event: Event) => this.#updateMention(event.target as HTMLTextAreaElement)}
          @blur=${() => setTimeout(() => this.textarea !== this.shadowRoot?.activeElement && this.#closeSuggestions(), 150)}
        ></textarea>
        <ul
          id="suggestions"
          part="suggestions"
          role="listbox"
          class="suggestions"
          ?hidden=${!open}
          aria-label=${t.term('feed.composer.people')}
        >
          ${this.suggestions.map(
            (person, index) =>
              html`<li
                id="suggestion-${index}"
                role="option"
                aria-selected=${index === this.activeSuggestion ? 'true' : 'false'}
                class=${classMap({ active: index === this.activeSuggestion })}
                @mousedown=${(event: Event) => event.preventDefault()}
                @click=${() => this.#pick(person)}
              >
                <span class="name">${person.name}</span
                >${person.title ? html`<span class="title">${person.title}</span>` : nothing}
              </li>`,
          )}
        </ul>
      </div>
      <p id="hint" class="hint">${t.term(this.mode === 'post' ? 'feed.composer.hint' : 'feed.composer.commentHint')}</p>
      ${this.images.length ? this.#renderImages() : nothing}
      ${
        this.mode === 'post' && this.withPoll
          ? staticHtml`<${siblingTag(this, 'composer', 'poll-composer')}
              class="poll-composer"
              .groupId=${this.groupId}
            ></${siblingTag(this, 'composer', 'poll-composer')}>`
          : nothing
      }
      ${this.mode === 'post' && this.canAnnounce ? this.#renderAnnouncement() : nothing}
      <div class="footer">
        <div part="actions" class="actions">
          <input
            type="file"
            accept=${IMAGE_CONTENT_TYPES.join(',')}
            multiple
            hidden
            tabindex="-1"
            aria-hidden="true"
            @change=${this.#onFiles}
          />
          <button
            type="button"
            class="add-image"
            aria-disabled=${this.images.length >= POST_LIMITS.imagesMax ? 'true' : 'false'}
            @click=${() => this.images.length < POST_LIMITS.imagesMax && this.#chooseImages()}
          >
            ${t.term('feed.composer.addImage')}
          </button>
          ${
            this.mode === 'post'
              ? html`<button
                  type="button"
                  aria-pressed=${this.withPoll ? 'true' : 'false'}
                  @click=${() => {
                    this.withPoll = !this.withPoll;
                    if (this.withPoll)
                      void this.updateComplete.then(() =>
                        this.pollComposer?.shadowRoot?.querySelector('input')?.focus(),
                      );
                  }}
                >
                  ${t.term('feed.composer.addPoll')}
                </button>`
              : nothing
          }
        </div>
        <span id="count" part="count" class=${classMap({ count: true, over, near: left < COUNT_WARNING })}
          >${t.term('feed.composer.count', { count: t.number(count), max: t.number(POST_LIMITS.bodyMax) })}</span
        >
        <div class="actions">
          ${
            this.mode === 'edit' || this.parentId
              ? html`<button type="button" @click=${this.#cancel}>${t.term('feed.cancel')}</button>`
              : nothing
          }
          <button type="submit" class="primary" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${this.pending ? t.term('feed.composer.sending') : this.failed ? t.term('retry') : t.term(submitKey)}
          </button>
        </div>
      </div>
      <p part="error" class="error" role="alert">
        ${this.sendError}${this.failed && this.sendError ? html` ${t.term('feed.composer.draftKept')}` : nothing}
      </p>
      <p class="visually-hidden" role="status">${this.status}</p>
      <p class="notice" role="status">${this.discardArmed ? t.term('feed.composer.discardAgain') : ''}</p>
      <p class="visually-hidden" aria-live="polite">
        ${left < COUNT_WARNING ? t.plural('feed.composer.left', Math.max(0, left)) : ''}
      </p>
    </form>`;
  }

  #renderImages() {
    const t = this.localize;
    return html`<ul part="images" class="images">
      ${this.images.map(
        (image, index) =>
          html`<li class="image">
            <img src=${image.previewUrl} alt="" />
            <div class="image-fields">
              <label
                >${t.term('feed.composer.altLabel', { n: t.number(index + 1) })}
                <input
                  class="alt"
                  type="text"
                  required
                  maxlength=${POST_LIMITS.altMax}
                  aria-invalid=${this.sendError && isBlank(image.alt) ? 'true' : 'false'}
                  .value=${live(image.alt)}
                  @input=${(event: Event) => {
                    const alt = (event.target as HTMLInputElement).value;
                    this.images = this.images.map((item) => (item.key === image.key ? { ...item, alt } : item));
                  }}
                />
              </label>
              ${
                image.error
                  ? html`<p class="image-error">${image.error}</p>`
                  : image.fileId
                    ? html`<p class="image-status">${t.term('feed.composer.uploaded')}</p>`
                    : html`<progress
                        max="1"
                        value=${ifDefined(image.progress ?? undefined)}
                        aria-label=${t.term('feed.composer.uploading', { name: image.name })}
                      ></progress>`
              }
            </div>
            <button
              type="button"
              class="remove"
              aria-label=${t.term('feed.composer.removeImage', { n: t.number(index + 1) })}
              @click=${() => this.#removeImage(image.key)}
            >
              ✕
            </button>
          </li>`,
      )}
    </ul>`;
  }

  #renderAnnouncement() {
    const t = this.localize;
    const set = (change: Partial<typeof this.announcement>) =>
      (this.announcement = { ...this.announcement, ...change });
    const checked = (event: Event) => (event.target as HTMLInputElement).checked;
    return html`<fieldset class=${classMap({ announce: true, open: this.announce })}>
      <legend>
        <label
          ><input
            type="checkbox"
            .checked=${this.announce}
            @change=${(event: Event) => (this.announce = checked(event))}
          />
          ${t.term('feed.composer.asAnnouncement')}</label
        >
      </legend>
      ${
        this.announce
          ? html`<div class="announce-options">
              <label
                ><input
                  type="checkbox"
                  .checked=${this.announcement.pinned}
                  @change=${(e: Event) => set({ pinned: checked(e) })}
                />
                ${t.term('feed.composer.pinned')}</label
              >
              <label
                ><input
                  type="checkbox"
                  .checked=${this.announcement.urgent}
                  @change=${(e: Event) => set({ urgent: checked(e) })}
                />
                ${t.term('feed.composer.urgent')}</label
              >
              <label
                ><input
                  type="checkbox"
                  .checked=${this.announcement.ackRequired}
                  @change=${(e: Event) => set({ ackRequired: checked(e) })}
                />
                ${t.term('feed.composer.ackRequired')}</label
              >
              <label class="expires"
                >${t.term('feed.composer.expires')}
                <input
                  type="datetime-local"
                  .value=${this.announcement.expiresAt}
                  @change=${(e: Event) => set({ expiresAt: (e.target as HTMLInputElement).value })}
                />
              </label>
            </div>`
          : nothing
      }
    </fieldset>`;
  }
}
