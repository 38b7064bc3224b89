import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { stateStyles } from '../internal/state.styles.ts';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Answer, Expert, Question, QuestionFilter, User } from '@plaza/contract';
import { QUESTION_LIMITS, isBlank } from '@plaza/contract/limits';
import {
  isPlazaError,
  newIdempotencyKey,
  type Entry,
  type EntityType,
  type PlazaClient,
  type QuestionListParams,
  type QuestionListValue,
  type SimilarSearch,
} from '@plaza/sdk';
import { ClockController } from '../internal/clock.ts';
import { errorCode, errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import type { TermKey } from '../locales/types.ts';
import { askExpertStyles } from './ask-expert.styles.ts';
import { renderRichText } from '../internal/rich-text.ts';
import { richTextStyles } from '../internal/rich-text.styles.ts';
import { PlazaAcceptEvent, PlazaAnswerEvent, PlazaAskEvent } from './events.ts';
import { StoreWatchController } from './store-watch.ts';
import { questionListKey, questionsApi } from '@plaza/sdk/questions';
import { askStrings } from '../locales/ask.ts';

/** How long an element without any configuration shows its skeleton before saying so (late providers). */
const CONFIG_GRACE_MS = 2000;
/** Typing pause before similar questions are looked up. */
const SIMILAR_DEBOUNCE_MS = 300;
/** Shortest draft title worth a similar-question search. */
const SIMILAR_MIN_CHARS = 3;

const TABS: { filter: QuestionFilter; label: TermKey; empty: TermKey }[] = [
  { filter: 'recent', label: 'ask.tabRecent', empty: 'ask.empty' },
  { filter: 'unanswered', label: 'ask.tabUnanswered', empty: 'ask.emptyUnanswered' },
  { filter: 'mine', label: 'ask.tabMine', empty: 'ask.emptyMine' },
];

/** Where a question is shown: in the similar-questions list of the form, or in the questions list. */
type Scope = 'similar' | 'list';

interface Draft {
  title: string;
  details: string;
  tags: string;
  anonymous: boolean;
}
const EMPTY_DRAFT: Draft = { title: '', details: '', tags: '', anonymous: false };

interface FieldErrors {
  title?: string;
  details?: string;
  tags?: string;
}

/**
 * Ask the people who know, and find answers already given: an ask form that shows similar questions while the
 * title is typed, the topic's experts (skills, answer counts, who is away and so not notified), and the topic's
 * questions (recent, unanswered, mine), each openable inline to read answers, upvote, accept and answer.
 * Anonymous questions hide the asker from colleagues but not from moderators, which the form states before
 * posting. Data comes from the SDK client of the nearest `<plaza-config>` (or `Plaza.configure`).
 *
 * @tag plaza-ask-expert
 * @summary Ask experts of a topic, find similar questions first, answer, upvote and accept answers.
 *
 * @csspart base - The widget's box.
 * @csspart header - The title line with the topic.
 * @csspart ask - The ask form (or the sign-in hint when signed out).
 * @csspart similar - The similar questions that appear while the title is typed.
 * @csspart experts - The topic's experts.
 * @csspart expert - One expert.
 * @csspart tabs - The Recent / Unanswered / Mine tabs.
 * @csspart questions - The list of questions.
 * @csspart question - One question of a list (its toggle, status line and, when open, its thread).
 * @csspart thread - An open question: its details, answers and the answer form.
 * @csspart answer - One answer.
 * @csspart badge - Status badges: accepted, expert, overdue, away.
 * @csspart status - The live region for confirmations ("Question posted").
 * @csspart error - The alert region for refused actions.
 *
 * @cssprop --plaza-color-accent - Buttons, links, selected tab, accepted answers.
 * @cssprop --plaza-color-on-accent - Text on the primary button.
 * @cssprop --plaza-color-surface - Background.
 * @cssprop --plaza-color-text - Text.
 * @cssprop --plaza-color-text-muted - Hints, counts and dates.
 * @cssprop --plaza-color-border - Widget, list and field borders.
 * @cssprop --plaza-color-control-border - Button and field borders.
 * @cssprop --plaza-color-danger - Errors and the overdue flag.
 * @cssprop --plaza-color-success - Accepted answers and confirmations.
 * @cssprop --plaza-color-track - Tinted backgrounds, loading skeleton.
 * @cssprop --plaza-color-focus - Focus ring.
 * @cssprop --plaza-radius - Corner radius.
 * @cssprop --plaza-spacing - Base unit of the spacing scale.
 * @cssprop --plaza-space-1 - Smallest gap.
 * @cssprop --plaza-space-2 - Gap between items.
 * @cssprop --plaza-space-3 - Gap between sections.
 * @cssprop --plaza-space-4 - Padding of the widget.
 * @cssprop --plaza-density - Multiplies spacing and control heights (0.75 compact, 1.25 roomy).
 * @cssprop --plaza-font-family - Font; the page's by default.
 * @cssprop --plaza-font-size - Base font size; the page's by default.
 *
 * @event {PlazaAskEvent} plaza-ask - After the server accepted a new question.
 * @event {PlazaAnswerEvent} plaza-answer - After the server accepted an answer of the viewer.
 * @event {PlazaAcceptEvent} plaza-accept - After the viewer accepted an answer.
 */
export class PlazaAskExpert extends PlazaElement {
  static override styles = [...PlazaElement.styles, stateStyles, richTextStyles, askExpertStyles];
  static override strings = [askStrings];

  /** The topic slug whose questions and experts are shown, e.g. `it-help`. */
  @property({ reflect: true }) topic = '';
  /** Only the questions of this group (community); new questions are asked in it. */
  @property({ attribute: 'group-id', reflect: true }) groupId = '';
  /** The topic's name as shown in the header ("IT help"); the slug when empty. */
  @property() label = '';

  @state() private tab: QuestionFilter = 'recent';
  @state() private draft: Draft = { ...EMPTY_DRAFT };
  @state() private fieldErrors: FieldErrors = {};
  @state() private asking = false;
  /** Why the last question was not posted; the text stays, with Retry. */
  @state() private askError = '';
  @state() private similar: Question[] = [];
  @state() private similarState: 'idle' | 'searching' | 'done' | 'error' = 'idle';
  /** Open questions, as `scope:id`. */
  @state() private expanded = new Set<string>();
  @state() private answerDrafts = new Map<string, string>();
  @state() private answerErrors = new Map<string, string>();
  @state() private pending = new Set<string>();
  @state() private loadingMore = false;
  @state() private announcement = '';
  @state() private actionError = '';
  @state() private configGraceOver = false;

  #clock = new ClockController(this, () => 60_000);
  #configTimer: ReturnType<typeof setTimeout> | undefined;
  #similarSearch: { client: PlazaClient; topic: string; search: SimilarSearch } | undefined;
  /** The Idempotency-Key of the question being posted and what it was for: a retry of the same text reuses it. */
  #askAttempt: { key: string; fingerprint: string } | undefined;
  #answerAttempts = new Map<string, { key: string; body: string }>();
  /** The questions were shown once (for this client and topic). */
  #shown = false;

  constructor() {
    super();
    // Re-renders whenever an entry the view shows changes; it registers itself with the element.
    new StoreWatchController(
      this,
      () => this.#activeClient(),
      () => this.#watchedKeys(),
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configTimer = setTimeout(() => (this.configGraceOver = true), CONFIG_GRACE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#configTimer);
    this.#similarSearch?.search.cancel();
  }

  // ——— data ———

  #activeClient(): PlazaClient | undefined {
    return this.topic ? this.client : undefined;
  }

  #params(filter: QuestionFilter = this.tab): QuestionListParams {
    return { topic: this.topic, groupId: this.groupId || null, filter };
  }

  #entry<T>(type: EntityType, id: string): Entry<T> | undefined {
    return this.#activeClient()?.store.get<T>(type, id);
  }

  #me(): Entry<User | null> | undefined {
    return this.#entry<User | null>('me', 'current');
  }

  #signedIn(): boolean {
    return !!this.#me()?.value;
  }

  #list(): Entry<QuestionListValue> | undefined {
    return this.#entry<QuestionListValue>('questionList', questionListKey(this.#params()));
  }

  #question(id: string): Question | undefined {
    return this.#entry<Question>('question', id)?.value;
  }

  #experts(): Entry<Expert[]> | undefined {
    return this.#entry<Expert[]>('experts', this.topic);
  }

  #watchedKeys(): [EntityType, string][] {
    const keys: [EntityType, string][] = [
      ['me', 'current'],
      ['experts', this.topic],
      ['questionList', questionListKey(this.#params())],
    ];
    const ids = new Set([...(this.#list()?.value?.ids ?? []), ...this.similar.map((question) => question.id)]);
    for (const id of ids) keys.push(['question', id]);
    for (const key of this.expanded) keys.push(['questionAnswers', key.slice(key.indexOf(':') + 1)]);
    return keys;
  }

  /** Starts every load the current view needs and the store does not hold (each starts at most once). */
  #ensureLoaded(): void {
    const client = this.#activeClient();
    if (!client) return;
    const ignore = () => undefined;
    const store = client.store;
    if (!store.get('me', 'current')) void client.me().catch(ignore);
    if (!store.get('experts', this.topic)) void questionsApi(client).experts(this.topic).catch(ignore);
    const me = store.get<User | null>('me', 'current');
    if (this.tab === 'mine' && me?.status === 'ready' && me.value === null) this.tab = 'recent';
    const mineWaits = this.tab === 'mine' && !me?.value;
    if (!mineWaits && !store.get('questionList', questionListKey(this.#params()))) {
      void questionsApi(client).list(this.#params()).catch(ignore);
    }
    for (const key of this.expanded) {
      const id = key.slice(key.indexOf(':') + 1);
      if (!store.get('questionAnswers', id)) void questionsApi(client).getWithAnswers(id).catch(ignore);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      (changed.has('topic') && changed.get('topic') !== undefined) ||
      (changed.has('groupId') && changed.get('groupId') !== undefined)
    ) {
      this.similar = [];
      this.similarState = 'idle';
      this.expanded = new Set();
      this.#similarSearch?.search.cancel();
      this.#similarSearch = undefined;
      this.#shown = false;
    }
    // A draft is its writer's: when the person signed in changes (a user switch, a shared screen), it goes.
    const me = this.#me()?.value;
    if (me !== undefined) {
      const writer = me?.id ?? null;
      if (this.#writer !== undefined && this.#writer !== writer) this.#forgetDrafts();
      this.#writer = writer;
    }
    this.#ensureLoaded();
  }

  /** Who the drafts are from: undefined until the signed-in person is known. */
  #writer: string | null | undefined;

  #forgetDrafts() {
    this.draft = { ...EMPTY_DRAFT };
    this.fieldErrors = {};
    this.askError = '';
    this.answerDrafts = new Map();
    this.answerErrors = new Map();
    this.similar = [];
    this.similarState = 'idle';
  }

  // ——— ask ———

  #similarFor(client: PlazaClient): SimilarSearch {
    if (this.#similarSearch?.client !== client || this.#similarSearch.topic !== this.topic) {
      this.#similarSearch?.search.cancel();
      const search = questionsApi(client).similarSearch({
        topic: this.topic,
        debounceMs: SIMILAR_DEBOUNCE_MS,
        limit: 5,
      });
      this.#similarSearch = { client, topic: this.topic, search };
    }
    return this.#similarSearch.search;
  }

  #onTitleInput(event: Event) {
    const title = (event.target as HTMLInputElement).value;
    this.draft = { ...this.draft, title };
    if (this.fieldErrors.title && !isBlank(title)) this.fieldErrors = { ...this.fieldErrors, title: undefined };
    const client = this.#activeClient();
    if (!client) return;
    const search = this.#similarFor(client);
    if (title.trim().length < SIMILAR_MIN_CHARS) {
      search.cancel();
      this.similar = [];
      this.similarState = 'idle';
      return;
    }
    this.similarState = 'searching';
    search.search(title).then(
      (items) => {
        // null: a newer keystroke took over; its answer will come.
        if (items === null) return;
        this.similar = items;
        this.similarState = 'done';
        // Similar questions that are no longer listed close (their ids are gone from the page).
        this.expanded = new Set(
          [...this.expanded].filter(
            (key) => !key.startsWith('similar:') || items.some((q) => `similar:${q.id}` === key),
          ),
        );
      },
      () => {
        this.similar = [];
        this.similarState = 'error';
      },
    );
  }

  #tagsOf(text: string): string[] {
    return [
      ...new Set(
        text
          .split(',')
          .filter((tag) => !isBlank(tag))
          .map((tag) => tag.trim().toLowerCase()),
      ),
    ];
  }

  /** The form's problems, in the user's language, before anything is sent. */
  #validate(): FieldErrors {
    const errors: FieldErrors = {};
    const { titleMax, bodyMax, tagsMax, tagMax } = QUESTION_LIMITS;
    const title = this.draft.title.trim();
    const num = (value: number) => this.localize.number(value);
    if (isBlank(title)) errors.title = this.localize.term('ask.titleEmpty');
    else if (title.length > titleMax)
      errors.title = this.localize.term('ask.titleTooLong', {
        count: num(title.length - titleMax),
        max: num(titleMax),
      });
    const details = this.draft.details.trim();
    if (details.length > bodyMax)
      errors.details = this.localize.term('ask.detailsTooLong', {
        count: num(details.length - bodyMax),
        max: num(bodyMax),
      });
    const tags = this.#tagsOf(this.draft.tags);
    if (tags.length > tagsMax) errors.tags = this.localize.term('ask.tooManyTags', { max: num(tagsMax) });
    else if (tags.some((tag) => tag.length > tagMax))
      errors.tags = this.localize.term('ask.tagTooLong', { max: num(tagMax) });
    return errors;
  }

  async #submitQuestion(event: Event) {
    event.preventDefault();
    const client = this.#activeClient();
    if (!client || this.asking) return;
    const errors = this.#validate();
    this.fieldErrors = errors;
    const firstInvalid = (['title', 'details', 'tags'] as const).find((field) => errors[field]);
    if (firstInvalid) {
      this.#focus(`#ask-${firstInvalid}`);
      return;
    }
    const input = {
      topic: this.topic,
      groupId: this.groupId || null,
      title: this.draft.title.trim(),
      body: isBlank(this.draft.details) ? '' : this.draft.details.trim(),
      tags: this.#tagsOf(this.draft.tags),
      anonymous: this.draft.anonymous,
    };
    // The same text sent again (Retry, or the button pressed after a failure) is the same user action.
    const fingerprint = JSON.stringify(input);
    if (this.#askAttempt?.fingerprint !== fingerprint) this.#askAttempt = { key: newIdempotencyKey(), fingerprint };
    this.asking = true;
    this.askError = '';
    this.actionError = '';
    try {
      const question = await questionsApi(client).ask(input, { idempotencyKey: this.#askAttempt.key });
      this.#askAttempt = undefined;
      this.draft = { ...EMPTY_DRAFT };
      this.similar = [];
      this.similarState = 'idle';
      this.#similarSearch?.search.cancel();
      // The SDK put it on top of the cached lists (every tab holds a new question); open it there.
      this.expanded = new Set([...this.expanded, `list:${question.id}`]);
      this.#emit(new PlazaAskEvent(question));
      void this.#announce(this.localize.term('ask.posted'));
      this.#focus(`[data-toggle="list:${question.id}"]`, '#ask-title');
    } catch (error) {
      this.askError = errorMessage(this.localize, error);
      // A field the server refused (its rules are the contract's, so this is rare) is marked; the text stays.
      const fields = isPlazaError(error) ? error.fields : undefined;
      // `tags.1` (one tag) marks the tags field.
      const refused = (['title', 'body', 'tags'] as const).find((field) =>
        Object.keys(fields ?? {}).some((key) => key === field || key.startsWith(`${field}.`)),
      );
      if (refused) {
        const field = refused === 'body' ? 'details' : refused;
        this.fieldErrors = { ...this.fieldErrors, [field]: this.askError };
        this.#focus(`#ask-${field}`);
      }
    } finally {
      this.asking = false;
    }
  }

  // ——— questions ———

  #selectTab(filter: QuestionFilter, focus = false) {
    this.tab = filter;
    if (focus) this.#focus(`#tab-${filter}`);
  }

  #onTabKeydown(event: KeyboardEvent, tabs: QuestionFilter[]) {
    const index = tabs.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs.at(-1)
              : undefined;
    if (!next) return;
    event.preventDefault();
    this.#selectTab(next, true);
  }

  #toggle(scope: Scope, id: string) {
    const key = `${scope}:${id}`;
    const expanded = new Set(this.expanded);
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    this.expanded = expanded;
  }

  async #loadMore() {
    const client = this.#activeClient();
    if (!client || this.loadingMore) return;
    const before = this.#list()?.value?.ids.length ?? 0;
    this.loadingMore = true;
    try {
      const list = await questionsApi(client).loadMore(this.#params());
      // Focus the first new question, so keyboard users continue where the list grew.
      const first = list.ids[before];
      if (first) this.#focus(`[data-toggle="list:${first}"]`);
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
    } finally {
      this.loadingMore = false;
    }
  }

  async #retryLoad() {
    const client = this.#activeClient();
    if (!client) return;
    const ignore = () => undefined;
    await Promise.all([
      client.me({ refresh: true }).catch(ignore),
      questionsApi(client).experts(this.topic, { refresh: true }).catch(ignore),
      this.tab === 'mine' && !this.#signedIn()
        ? undefined
        : questionsApi(client).list(this.#params(), { refresh: true }).catch(ignore),
    ]);
    this.#focus('[role="tab"][aria-selected="true"]', '[data-focus="retry"]');
  }

  // ——— answers ———

  async #submitAnswer(event: Event, scope: Scope, question: Question) {
    event.preventDefault();
    const client = this.#activeClient();
    const key = `answer:${question.id}`;
    if (!client || this.pending.has(key)) return;
    const body = (this.answerDrafts.get(question.id) ?? '').trim();
    const max = QUESTION_LIMITS.answerMax;
    const problem = isBlank(body)
      ? this.localize.term('ask.answerEmpty')
      : body.length > max
        ? this.localize.term('ask.answerTooLong', {
            count: this.localize.number(body.length - max),
            max: this.localize.number(max),
          })
        : '';
    this.#setAnswerError(question.id, problem);
    if (problem) {
      this.#focus(`#answer-input-${scope}-${question.id}`);
      return;
    }
    let attempt = this.#answerAttempts.get(question.id);
    if (attempt?.body !== body) this.#answerAttempts.set(question.id, (attempt = { key: newIdempotencyKey(), body }));
    this.#setPending(key, true);
    try {
      const answer = await questionsApi(client).answer(question.id, body, { idempotencyKey: attempt.key });
      this.#answerAttempts.delete(question.id);
      const drafts = new Map(this.answerDrafts);
      drafts.delete(question.id);
      this.answerDrafts = drafts;
      this.#emit(new PlazaAnswerEvent(question.id, answer));
      void this.#announce(this.localize.term('ask.answerPosted'));
      this.#focus(`#answer-${scope}-${answer.id}`);
    } catch (error) {
      this.#setAnswerError(
        question.id,
        `${this.localize.term('ask.answerFailed')} ${errorMessage(this.localize, error)}`,
      );
    } finally {
      this.#setPending(key, false);
    }
  }

  #setAnswerError(questionId: string, message: string) {
    const errors = new Map(this.answerErrors);
    if (message) errors.set(questionId, message);
    else errors.delete(questionId);
    this.answerErrors = errors;
  }

  #setPending(key: string, on: boolean) {
    const pending = new Set(this.pending);
    if (on) pending.add(key);
    else pending.delete(key);
    this.pending = pending;
  }

  async #toggleVote(answer: Answer) {
    const client = this.#activeClient();
    const key = `vote:${answer.id}`;
    if (!client || this.pending.has(key)) return;
    this.#setPending(key, true);
    this.actionError = '';
    try {
      if (answer.votedByMe) await questionsApi(client).unvote(answer.id);
      else await questionsApi(client).vote(answer.id);
      void this.#announce(this.localize.term(answer.votedByMe ? 'ask.unvotedAnnounce' : 'ask.votedAnnounce'));
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
    } finally {
      this.#setPending(key, false);
    }
  }

  async #accept(scope: Scope, question: Question, answer: Answer) {
    const client = this.#activeClient();
    const key = `accept:${question.id}`;
    if (!client || this.pending.has(key)) return;
    this.#setPending(key, true);
    this.actionError = '';
    try {
      await questionsApi(client).accept(question.id, answer.id);
      this.#emit(new PlazaAcceptEvent(question.id, answer.id));
      void this.#announce(this.localize.term('ask.acceptedAnnounce'));
      this.#focus(`#answer-${scope}-${answer.id}`);
    } catch (error) {
      this.actionError = errorMessage(this.localize, error);
      this.#focus(`[data-accept="${scope}:${answer.id}"]`);
    } finally {
      this.#setPending(key, false);
    }
  }

  // ——— helpers ———

  /** Dispatches one of the typed events (listed by name in the class JSDoc, where the manifest reads them). */
  #emit(event: PlazaAskEvent | PlazaAnswerEvent | PlazaAcceptEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** Sets the live region's text; clearing it first makes a repeated message speak again. */
  async #announce(text: string) {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  /** Focuses the first of the selectors that exists once the next render is done. */
  #focus(...selectors: string[]) {
    void this.updateComplete.then(() => {
      for (const selector of selectors) {
        const target = this.renderRoot.querySelector<HTMLElement>(selector);
        if (target) {
          target.focus();
          return;
        }
      }
    });
  }

  #when(value: string): TemplateResult {
    return html`<time datetime=${value} title=${this.localize.date(value)}
      >${this.localize.relativeTime(value, this.#clock.now)}</time
    >`;
  }

  // ——— rendering ———

  protected override render() {
    const client = this.client;
    let body: TemplateResult;
    let labelled = false;
    if (!client || !this.topic) {
      body = !this.configGraceOver
        ? this.#renderSkeleton()
        : this.#renderMessage(client ? 'ask.noTopic' : 'ask.notConfigured');
    } else {
      const me = this.#me();
      const list = this.#list();
      const meKnown = me?.status === 'ready' || me?.value !== undefined;
      if (me?.status === 'error' && me.value === undefined) {
        body = this.#renderLoadError(me.error);
      } else if (!meKnown || (!list?.value && list?.status !== 'error' && !this.#shown)) {
        body = this.#renderSkeleton();
      } else if (!list?.value && list?.status === 'error' && !this.#shown) {
        body = this.#renderLoadError(list.error);
      } else {
        // Once shown, the box stays: another tab's list loads inside its panel, where focus is.
        this.#shown = true;
        body = this.#renderWidget(me?.value ?? null, list?.value);
        labelled = true;
      }
    }
    return html`<section
      part="base"
      class="base"
      aria-labelledby=${ifDefined(labelled ? 'heading' : undefined)}
      aria-label=${ifDefined(labelled ? undefined : this.#heading())}
      aria-busy=${this.asking || this.pending.size > 0 ? 'true' : 'false'}
      lang=${this.localize.lang()}
      dir=${this.localize.dir()}
      data-theme=${ifDefined(this.theme)}
    >
      ${body}
      <p part="status" class="status" role="status">${this.announcement}</p>
      <p part="error" class="error" role="alert">${this.actionError}</p>
    </section>`;
  }

  #heading(): string {
    return this.localize.term('ask.label', { topic: this.label || this.topic });
  }

  #renderSkeleton() {
    return html`<div class="skeleton" aria-hidden="true">
        <div class="bone bone-heading"></div>
        <div class="bone bone-field"></div>
        <div class="bone bone-field tall"></div>
        <div class="bone bone-tabs"></div>
        <div class="bone bone-row"></div>
        <div class="bone bone-row"></div>
        <div class="bone bone-row"></div>
      </div>
      <span class="visually-hidden">${this.localize.term('ask.loading')}</span>`;
  }

  #renderMessage(key: TermKey) {
    return html`<div class="state"><p>${this.localize.term(key)}</p></div>`;
  }

  #renderLoadError(error: unknown) {
    const code = errorCode(error);
    if (code === 'not_found') return this.#renderMessage('ask.notFound');
    if (code === 'forbidden') return this.#renderMessage('ask.forbidden');
    return html`<div class="state">
      <p>${this.localize.term('ask.loadFailed')}</p>
      ${error ? html`<p class="notice">${errorMessage(this.localize, error)}</p>` : nothing}
      <button type="button" data-focus="retry" @click=${() => this.#retryLoad()}>${this.localize.term('retry')}</button>
    </div>`;
  }

  #renderWidget(me: User | null, list: QuestionListValue | undefined) {
    const experts = this.#experts();
    const isExpert = !!me && (experts?.value ?? []).some((expert) => expert.user.id === me.id);
    return html`<header part="header" class="header">
        <h2 id="heading" class="heading">${this.#heading()}</h2>
      </header>
      <div class="layout">
        <div class="main">
          ${me ? this.#renderAskForm() : html`<p part="ask" class="signin">${this.localize.term('ask.signInToAsk')}</p>`}
          ${this.#renderQuestions(me, list, isExpert)}
        </div>
        ${this.#renderExperts(experts)}
      </div>`;
  }

  #renderAskForm() {
    const { titleMax } = QUESTION_LIMITS;
    const length = this.draft.title.trim().length;
    const over = length - titleMax;
    const errors = this.fieldErrors;
    const described = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ');
    return html`<form part="ask" class="ask" @submit=${this.#submitQuestion} novalidate aria-labelledby="ask-heading">
      <h3 id="ask-heading" class="subheading">${this.localize.term('ask.askHeading')}</h3>
      <div class="field">
        <div class="label-row">
          <label for="ask-title">${this.localize.term('ask.title')}</label>
          <span id="ask-title-count" class=${classMap({ count: true, over: over > 0 })}>
            <span aria-hidden="true">${this.localize.number(length)}/${this.localize.number(titleMax)}</span>
            <span class="visually-hidden"
              >${
                over > 0
                  ? this.localize.plural('ask.countOver', over)
                  : this.localize.term('ask.count', {
                      count: this.localize.number(length),
                      max: this.localize.number(titleMax),
                    })
              }</span
            >
          </span>
        </div>
        <input
          id="ask-title"
          type="text"
          autocomplete="off"
          .value=${live(this.draft.title)}
          aria-invalid=${errors.title ? 'true' : 'false'}
          aria-describedby=${described('ask-title-hint', 'ask-title-count', !!errors.title && 'ask-title-error')}
          @input=${this.#onTitleInput}
        />
        <p id="ask-title-hint" class="hint">${this.localize.term('ask.titleHint')}</p>
        ${errors.title ? html`<p id="ask-title-error" class="field-error">${errors.title}</p>` : nothing}
      </div>
      ${this.#renderSimilar()}
      <div class="field">
        <label for="ask-details">${this.localize.term('ask.details')}</label>
        <textarea
          id="ask-details"
          rows="3"
          .value=${live(this.draft.details)}
          aria-invalid=${errors.details ? 'true' : 'false'}
          aria-describedby=${described('ask-details-hint', !!errors.details && 'ask-details-error')}
          @input=${(event: Event) => (this.draft = { ...this.draft, details: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
        <p id="ask-details-hint" class="hint">${this.localize.term('ask.detailsHint')}</p>
        ${errors.details ? html`<p id="ask-details-error" class="field-error">${errors.details}</p>` : nothing}
      </div>
      <div class="field">
        <label for="ask-tags">${this.localize.term('ask.tags')}</label>
        <input
          id="ask-tags"
          type="text"
          autocomplete="off"
          .value=${live(this.draft.tags)}
          aria-invalid=${errors.tags ? 'true' : 'false'}
          aria-describedby=${described('ask-tags-hint', !!errors.tags && 'ask-tags-error')}
          @input=${(event: Event) => (this.draft = { ...this.draft, tags: (event.target as HTMLInputElement).value })}
        />
        <p id="ask-tags-hint" class="hint">${this.localize.term('ask.tagsHint')}</p>
        ${errors.tags ? html`<p id="ask-tags-error" class="field-error">${errors.tags}</p>` : nothing}
      </div>
      <div class=${classMap({ anonymous: true, on: this.draft.anonymous })}>
        <label class="check">
          <input
            id="ask-anonymous"
            type="checkbox"
            .checked=${live(this.draft.anonymous)}
            aria-describedby="ask-anonymous-statement"
            @change=${(event: Event) =>
              (this.draft = { ...this.draft, anonymous: (event.target as HTMLInputElement).checked })}
          />
          <span>${this.localize.term('ask.anonymous')}</span>
        </label>
        <p id="ask-anonymous-statement" class="hint">${this.localize.term('ask.anonymousStatement')}</p>
      </div>
      ${
        this.askError
          ? html`<div class="send-error" role="alert">
              <p>${this.localize.term('ask.postFailed')} ${this.askError}</p>
            </div>`
          : nothing
      }
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${this.asking ? 'true' : 'false'}>
          ${this.localize.term(this.asking ? 'ask.posting' : this.askError ? 'retry' : 'ask.post')}
        </button>
        ${this.draft.anonymous ? html`<span class="notice">${this.localize.term('ask.anonymousOn')}</span>` : nothing}
      </div>
    </form>`;
  }

  #renderSimilar() {
    const searching = this.similarState === 'searching';
    const summary =
      this.similarState === 'done'
        ? this.similar.length > 0
          ? this.localize.plural('ask.similar', this.similar.length)
          : this.localize.term('ask.similarNone')
        : this.similarState === 'error'
          ? this.localize.term('ask.similarFailed')
          : '';
    const show = this.similarState !== 'idle';
    return html`<div part="similar" class=${classMap({ similar: true, shown: show })}>
      <p id="similar-heading" class="similar-heading" ?hidden=${!show}>
        ${this.localize.term('ask.similarHeading')}
        <span class="similar-summary" role="status" aria-live="polite">${summary}</span>
        ${searching ? html`<span class="notice">${this.localize.term('ask.similarSearching')}</span>` : nothing}
      </p>
      ${
        this.similar.length > 0
          ? html`<p class="hint">${this.localize.term('ask.similarHint')}</p>
              <ul class="question-list compact" aria-labelledby="similar-heading">
                ${repeat(
                  this.similar,
                  (question) => question.id,
                  (question) => this.#renderQuestion('similar', this.#question(question.id) ?? question),
                )}
              </ul>`
          : nothing
      }
    </div>`;
  }

  #renderExperts(entry: Entry<Expert[]> | undefined) {
    const experts = entry?.value;
    let content: TemplateResult;
    if (!experts && entry?.status === 'error')
      content = html`<p class="notice">${this.localize.term('ask.expertsFailed')}</p>`;
    else if (!experts) content = html`<div class="bone bone-row" aria-hidden="true"></div>`;
    else if (experts.length === 0) content = html`<p class="notice">${this.localize.term('ask.expertsNone')}</p>`;
    else
      content = html`<ul class="experts">
        ${experts.map((expert) => this.#renderExpert(expert))}
      </ul>`;
    return html`<div part="experts" class="experts-panel">
      <h3 id="experts-heading" class="subheading">${this.localize.term('ask.expertsHeading')}</h3>
      ${content}
    </div>`;
  }

  #renderExpert(expert: Expert) {
    const away = expert.availability === 'away';
    return html`<li part="expert" class=${classMap({ expert: true, away })}>
      <span class="avatar" aria-hidden="true">${initials(expert.user.name)}</span>
      <div class="expert-text">
        <p class="expert-name">${expert.user.name}</p>
        ${expert.user.title ? html`<p class="notice">${expert.user.title}</p>` : nothing}
        <p class="availability">
          ${
            away
              ? html`<span part="badge" class="badge away"
                    >${this.localize.term('ask.awayUntil', {
                      date: expert.awayUntil
                        ? this.localize.date(expert.awayUntil, { day: 'numeric', month: 'long' })
                        : '',
                    })}</span
                  >
                  <span class="notice">${this.localize.term('ask.notNotified')}</span>`
              : html`<span part="badge" class="badge available">${this.localize.term('ask.available')}</span>`
          }
        </p>
        <p class="notice">
          ${this.localize.plural('ask.expertAnswers', expert.answerCount)} ·
          ${this.localize.plural('ask.expertAccepted', expert.acceptedCount)}
        </p>
        ${
          expert.skills.length > 0
            ? html`<ul class="skills" aria-label=${`${this.localize.term('ask.skills')}: ${expert.user.name}`}>
                ${expert.skills.map((skill) => html`<li>${skill}</li>`)}
              </ul>`
            : nothing
        }
      </div>
    </li>`;
  }

  #renderQuestions(me: User | null, list: QuestionListValue | undefined, isExpert: boolean) {
    const tabs = TABS.filter((tab) => tab.filter !== 'mine' || me);
    const filters = tabs.map((tab) => tab.filter);
    const current = TABS.find((tab) => tab.filter === this.tab)!;
    const entry = this.#list();
    const questions = (list?.ids ?? []).map((id) => this.#question(id)).filter((q): q is Question => !!q);
    const escalated = isExpert ? questions.filter((question) => question.escalated).length : 0;
    let panel: TemplateResult;
    if (!list && entry?.status === 'error') {
      panel = html`<div class="state small">
        <p>${this.localize.term('ask.loadFailed')} ${errorMessage(this.localize, entry.error)}</p>
        <button type="button" data-focus="retry" @click=${() => this.#retryLoad()}>
          ${this.localize.term('retry')}
        </button>
      </div>`;
    } else if (!list) {
      panel = html`<div class="bone bone-row" aria-hidden="true"></div>
        <div class="bone bone-row" aria-hidden="true"></div>
        <span class="visually-hidden">${this.localize.term('ask.loading')}</span>`;
    } else if (questions.length === 0) {
      panel = html`<p class="empty">${this.localize.term(current.empty)}</p>`;
    } else {
      panel = html`${
          escalated > 0
            ? html`<p class="escalation-summary">${this.localize.plural('ask.escalatedSummary', escalated)}</p>`
            : nothing
        }
        <ul part="questions" class="question-list" aria-labelledby="tab-${this.tab}">
          ${repeat(
            questions,
            (question) => question.id,
            (question) => this.#renderQuestion('list', question),
          )}
        </ul>
        ${
          list.nextCursor
            ? html`<button
                type="button"
                class="more"
                aria-disabled=${this.loadingMore ? 'true' : 'false'}
                @click=${() => this.#loadMore()}
              >
                ${this.localize.term(this.loadingMore ? 'ask.loading' : 'ask.loadMore')}
              </button>`
            : nothing
        }`;
    }
    return html`<div class="questions">
      <h3 id="questions-heading" class="subheading">${this.localize.term('ask.questionsHeading')}</h3>
      <div part="tabs" class="tabs" role="tablist" aria-labelledby="questions-heading">
        ${tabs.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id="tab-${tab.filter}"
              aria-selected=${tab.filter === this.tab ? 'true' : 'false'}
              aria-controls="questions-panel"
              tabindex=${tab.filter === this.tab ? '0' : '-1'}
              @click=${() => this.#selectTab(tab.filter)}
              @keydown=${(event: KeyboardEvent) => this.#onTabKeydown(event, filters)}
            >
              ${this.localize.term(tab.label)}
            </button>`,
        )}
      </div>
      <div
        id="questions-panel"
        class="panel"
        role="tabpanel"
        aria-labelledby="tab-${this.tab}"
        tabindex=${questions.length === 0 ? '0' : '-1'}
      >
        ${panel}
      </div>
    </div>`;
  }

  #renderStatus(question: Question) {
    if (question.status === 'accepted') {
      return html`<span part="badge" class="badge accepted">✓ ${this.localize.term('ask.accepted')}</span>`;
    }
    if (question.status === 'unanswered') {
      return html`<span class="count">${this.localize.term('ask.unanswered')}</span>`;
    }
    return html`<span class="count">${this.localize.plural('ask.answers', question.answerCount)}</span>`;
  }

  #renderAsker(question: Question) {
    const when = this.localize.relativeTime(question.createdAt, this.#clock.now);
    const name = question.askedByMe ? this.localize.term('ask.you') : question.author?.name;
    if (question.anonymous) {
      return name
        ? this.localize.term('ask.askedAnonymouslyBy', { name, when })
        : this.localize.term('ask.askedAnonymously', { when });
    }
    return this.localize.term('ask.askedBy', { name: name ?? '', when });
  }

  #renderQuestion(scope: Scope, question: Question) {
    const key = `${scope}:${question.id}`;
    const open = this.expanded.has(key);
    const panelId = `thread-${scope}-${question.id}`;
    return html`<li part="question" class=${classMap({ question: true, open, escalated: question.escalated })}>
      <button
        type="button"
        class="toggle"
        data-toggle=${key}
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${panelId}
        @click=${() => this.#toggle(scope, question.id)}
      >
        <span class="chevron" aria-hidden="true"></span>
        <span class="question-title">${question.title}</span>
      </button>
      <p class="question-meta">
        ${
          question.escalated
            ? html`<span part="badge" class="badge escalated" title=${this.localize.term('ask.escalatedHint')}
                >${this.localize.term('ask.escalated')}<span class="visually-hidden"
                  >: ${this.localize.term('ask.escalatedHint')}</span
                ></span
              >`
            : nothing
        }
        ${this.#renderStatus(question)}
        <span class="asker">${this.#renderAsker(question)}</span>
      </p>
      <div id=${panelId} class="thread-slot" ?hidden=${!open}>
        ${open ? this.#renderThread(scope, question) : nothing}
      </div>
    </li>`;
  }

  #renderThread(scope: Scope, question: Question) {
    const answersEntry = this.#entry<Answer[]>('questionAnswers', question.id);
    const answers = answersEntry?.value;
    let answerList: TemplateResult;
    if (!answers && answersEntry?.status === 'error') {
      answerList = html`<div class="state small">
        <p>${this.localize.term('ask.threadFailed')} ${errorMessage(this.localize, answersEntry.error)}</p>
        <button
          type="button"
          @click=${() => {
            const client = this.#activeClient();
            if (client)
              void questionsApi(client)
                .getWithAnswers(question.id, { refresh: true })
                .catch(() => undefined);
          }}
        >
          ${this.localize.term('retry')}
        </button>
      </div>`;
    } else if (!answers) {
      answerList = html`<p class="notice">${this.localize.term('ask.loadingThread')}</p>`;
    } else if (answers.length === 0) {
      answerList = html`<p class="notice">${this.localize.term('ask.noAnswers')}</p>`;
    } else {
      answerList = html`<ol class="answers" aria-label=${this.localize.plural('ask.answers', answers.length)}>
        ${repeat(
          answers,
          (answer) => answer.id,
          (answer) => html`<li>${this.#renderAnswer(scope, question, answer)}</li>`,
        )}
      </ol>`;
    }
    return html`<div part="thread" class="thread">
      ${question.body.nodes.length > 0 ? html`<div class="body rich-text">${renderRichText(question.body.nodes, { baseUrl: this.client?.baseUrl })}</div>` : nothing}
      ${
        question.tags.length > 0
          ? html`<ul class="tags" aria-label=${this.localize.term('ask.tagsLabel')}>
              ${question.tags.map((tag) => html`<li>#${tag}</li>`)}
            </ul>`
          : nothing
      }
      ${answerList} ${this.#renderAnswerForm(scope, question)}
    </div>`;
  }

  #renderAnswer(scope: Scope, question: Question, answer: Answer) {
    const name = answer.author.name;
    const votePending = this.pending.has(`vote:${answer.id}`);
    const acceptPending = this.pending.has(`accept:${question.id}`);
    return html`<article
      part="answer"
      id="answer-${scope}-${answer.id}"
      class=${classMap({ answer: true, accepted: answer.accepted })}
      tabindex="-1"
      aria-labelledby="answer-by-${scope}-${answer.id}"
    >
      <p class="answer-head">
        <span id="answer-by-${scope}-${answer.id}" class="answer-author">${name}</span>
        ${answer.byExpert ? html`<span part="badge" class="badge expert">${this.localize.term('ask.expert')}</span>` : nothing}
        ${
          answer.accepted
            ? html`<span part="badge" class="badge accepted">✓ ${this.localize.term('ask.acceptedMark')}</span>`
            : nothing
        }
        <span class="notice">${this.#when(answer.createdAt)}</span>
      </p>
      <div class="body rich-text">${renderRichText(answer.body.nodes, { baseUrl: this.client?.baseUrl })}</div>
      <div class="answer-actions">
        ${
          answer.canVote
            ? html`<button
                type="button"
                class=${classMap({ vote: true, on: answer.votedByMe })}
                aria-pressed=${answer.votedByMe ? 'true' : 'false'}
                aria-disabled=${votePending ? 'true' : 'false'}
                data-vote=${`${scope}:${answer.id}`}
                aria-label=${`${this.localize.term('ask.upvote')}: ${name}`}
                @click=${() => this.#toggleVote(answer)}
              >
                <span aria-hidden="true">▲</span> ${this.localize.term('ask.upvote')}
              </button>`
            : nothing
        }
        <span class="votes">${this.localize.plural('ask.votes', answer.votes)}</span>
        ${
          answer.canAccept && question.canAccept
            ? html`<button
                type="button"
                class="link"
                data-accept=${`${scope}:${answer.id}`}
                aria-disabled=${acceptPending ? 'true' : 'false'}
                aria-label=${`${this.localize.term('ask.accept')}: ${name}`}
                @click=${() => this.#accept(scope, question, answer)}
              >
                ${this.localize.term('ask.accept')}
              </button>`
            : nothing
        }
      </div>
    </article>`;
  }

  #renderAnswerForm(scope: Scope, question: Question) {
    if (!question.canAnswer) {
      return this.#signedIn() ? nothing : html`<p class="notice">${this.localize.term('ask.signInToAnswer')}</p>`;
    }
    const inputId = `answer-input-${scope}-${question.id}`;
    const error = this.answerErrors.get(question.id);
    const pending = this.pending.has(`answer:${question.id}`);
    return html`<form
      class="answer-form"
      novalidate
      @submit=${(event: Event) => this.#submitAnswer(event, scope, question)}
    >
      <label for=${inputId}>${this.localize.term('ask.yourAnswer')}</label>
      <textarea
        id=${inputId}
        rows="3"
        .value=${live(this.answerDrafts.get(question.id) ?? '')}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(error ? `${inputId}-error` : undefined)}
        @input=${(event: Event) => {
          const drafts = new Map(this.answerDrafts);
          drafts.set(question.id, (event.target as HTMLTextAreaElement).value);
          this.answerDrafts = drafts;
        }}
      ></textarea>
      ${error ? html`<p id="${inputId}-error" class="field-error" role="alert">${error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${pending ? 'true' : 'false'}>
          ${this.localize.term(pending ? 'ask.posting' : 'ask.postAnswer')}
        </button>
      </div>
    </form>`;
  }
}

/** "Alex Morgan" → "AM": a placeholder avatar (decorative; the name is next to it). */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => [...part][0]!.toUpperCase())
    .join('');
}
