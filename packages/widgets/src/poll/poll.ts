import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { badgeStyles } from '../internal/badge.styles.ts';
import { stateStyles } from '../internal/state.styles.ts';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleProps } from '../internal/style-props.ts';
import type { Poll, PollOption, User } from '@plaza/contract';
import { ClockController } from '../internal/clock.ts';
import { errorCode, errorMessage } from '../internal/errors.ts';
import { PlazaElement } from '../internal/plaza-element.ts';
import { StoreController } from '../internal/store-controller.ts';
import { PlazaBeforeVoteEvent, PlazaPollCloseEvent, PlazaVoteEvent } from './events.ts';
import { pollStyles } from './poll.styles.ts';
import { pollStrings } from '../locales/poll.ts';

type Pending = 'vote' | 'retract' | 'close' | null;

/** How long an element without any configuration shows its skeleton before saying so (late providers). */
const CONFIG_GRACE_MS = 2000;
const MINUTE = 60_000;

/** How soon a relative time `distance` ms away can read differently: seconds below a minute, minutes below an hour. */
const untilChange = (distance: number) => (distance < MINUTE ? 1000 : distance < 60 * MINUTE ? 15_000 : MINUTE);

/** How long after closing a poll reads "Closed just now": the label and the tick that ends it both use it. */
const JUST_CLOSED_MS = MINUTE;

/**
 * A poll: single or multiple choice, vote, change or retract the vote, results as accessible HTML once the
 * server lets the viewer see them, named or anonymous voters, a countdown to the close date, and "Close poll"
 * for its creator or a manager. Data comes from the SDK client of the nearest `<plaza-config>` (or
 * `Plaza.configure`); votes are optimistic and roll back, with a message, when the server refuses them.
 *
 * @tag plaza-poll
 * @summary Vote in a poll and see its results.
 *
 * @csspart base - The widget's box.
 * @csspart question - The question text.
 * @csspart meta - The line with badges (anonymous, closed) and the close date.
 * @csspart options - The group of choices (the fieldset while voting, a list otherwise).
 * @csspart option - One choice (its label with the radio button or checkbox while voting).
 * @csspart results - The list of results.
 * @csspart result - One option's result: label, percentage, count and bar.
 * @csspart bar - The decorative bar of one result (hidden from assistive technology).
 * @csspart voters - The disclosure with the names of an option's voters (named polls).
 * @csspart total - The total number of votes.
 * @csspart actions - The buttons (vote, change, retract, show results, close).
 * @csspart status - The live region that announces "Vote counted" and similar confirmations.
 * @csspart error - The alert region for refused actions, and the message of the error state.
 *
 * @cssprop --plaza-color-accent - Buttons, selected options, result bars.
 * @cssprop --plaza-color-on-accent - Text on the primary button.
 * @cssprop --plaza-color-surface - Background.
 * @cssprop --plaza-color-text - Text.
 * @cssprop --plaza-color-text-muted - Hints, counts and dates.
 * @cssprop --plaza-color-border - Widget and option borders.
 * @cssprop --plaza-color-control-border - Button borders.
 * @cssprop --plaza-color-danger - Error messages, "Close poll", a close date that is near.
 * @cssprop --plaza-color-success - The "Vote counted" confirmation.
 * @cssprop --plaza-color-track - Unfilled part of result bars, loading skeleton.
 * @cssprop --plaza-color-focus - Focus ring.
 * @cssprop --plaza-radius - Corner radius.
 * @cssprop --plaza-spacing - Base unit of the spacing scale.
 * @cssprop --plaza-space-1 - Smallest gap.
 * @cssprop --plaza-space-2 - Gap between options.
 * @cssprop --plaza-space-3 - Gap between sections.
 * @cssprop --plaza-space-4 - Padding of the widget.
 * @cssprop --plaza-density - Multiplies spacing and control heights (0.75 compact, 1.25 roomy).
 * @cssprop --plaza-font-family - Font; the page's by default.
 * @cssprop --plaza-font-size - Base font size; the page's by default.
 *
 * @event {PlazaBeforeVoteEvent} plaza-before-vote - Before a ballot (or a retraction, `optionIds` empty) is sent. Cancelable.
 * @event {PlazaVoteEvent} plaza-vote - After the server accepted the ballot; `optionIds` is empty for a retraction.
 * @event {PlazaPollCloseEvent} plaza-poll-close - After the viewer closed the poll.
 */
export class PlazaPoll extends PlazaElement {
  static override styles = [...PlazaElement.styles, stateStyles, badgeStyles, pollStyles];
  static override strings = [pollStrings];

  /** Id of the poll to show. */
  @property({ attribute: 'poll-id', reflect: true }) pollId = '';

  /** The options the viewer has ticked but not sent yet. */
  @state() private selection: string[] = [];
  /** Changing an existing vote: the form is shown again. */
  @state() private editing = false;
  /** Looking at the results before voting (only where the server already shows them). */
  @state() private peeking = false;
  @state() private pending: Pending = null;
  @state() private confirmingClose = false;
  /** Text of the polite live region. */
  @state() private announcement = '';
  /** Text of the alert region: why the last action was refused. */
  @state() private actionError = '';
  @state() private retrying = false;
  @state() private configGraceOver = false;

  #poll = new StoreController<Poll>(this, {
    type: 'poll',
    target: () => this.#target(),
    load: (client, id, refresh) => client.polls.get(id, { refresh }),
  });

  #me = new StoreController<User | null>(this, {
    type: 'me',
    target: () => {
      const client = this.client;
      return client && this.pollId ? { client, id: 'current' } : undefined;
    },
    load: (client, _id, refresh) => client.me({ refresh }),
  });

  #clock = new ClockController(this, () => this.#tickInterval());
  #configTimer: ReturnType<typeof setTimeout> | undefined;
  /** Asking the server whether a poll past its close date (by this page's clock) is closed: when to ask next. */
  #closeCheck: { closesAt: string; asked: number; next: number } | null = null;

  #target() {
    const client = this.client;
    return client && this.pollId ? { client, id: this.pollId } : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configTimer = setTimeout(() => (this.configGraceOver = true), CONFIG_GRACE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#configTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pollId') && changed.get('pollId') !== undefined) {
      this.selection = [];
      this.editing = this.peeking = this.confirmingClose = false;
      this.announcement = this.actionError = '';
    }
  }

  // ——— time ———

  #closesAt(poll: Poll): number | null {
    return poll.closesAt ? Date.parse(poll.closesAt) : null;
  }

  /** Closed by the server, or past its close date by this page's clock (the server agrees on next read). */
  #isClosed(poll: Poll): boolean {
    const closesAt = this.#closesAt(poll);
    return poll.closed || (closesAt !== null && closesAt <= this.#clock.now);
  }

  #tickInterval(): number | null {
    const poll = this.#poll.entry?.value;
    if (!poll) return null;
    const now = this.#clock.now;
    const closesAt = this.#closesAt(poll);
    if (!poll.closed && closesAt !== null) {
      if (closesAt > now) return untilChange(closesAt - now);
      return this.#askWhetherClosed(poll.closesAt!, now);
    }
    this.#closeCheck = null;
    const closedAt = poll.closedAt ?? poll.closesAt;
    if (!closedAt) return null;
    // "Closed just now" for its first minute, then "Closed 1 minute ago" and so on.
    const since = now - Date.parse(closedAt);
    return since < JUST_CLOSED_MS ? JUST_CLOSED_MS - since : untilChange(since);
  }

  /**
   * Past the close date by this page's clock while the server's last answer still said open: the server
   * decides (about results shown "after close", too), and its clock may be behind this page's. Asks it at
   * once, then 2, 4, 8 … seconds later (at most a minute apart) until it answers closed.
   */
  #askWhetherClosed(closesAt: string, now: number): number {
    let check = this.#closeCheck;
    if (check?.closesAt !== closesAt) check = this.#closeCheck = { closesAt, asked: 0, next: now };
    if (now >= check.next && this.#poll.entry?.status !== 'loading') {
      check.asked += 1;
      check.next = now + Math.min(1000 * 2 ** check.asked, MINUTE);
      // After this update has finished (the reload marks the entry loading, which asks for another one).
      queueMicrotask(() => void this.#poll.reload({ refresh: true }));
    }
    return Math.max(check.next - now, 1000);
  }

  // ——— actions ———

  #toggle(optionId: string, checked: boolean, multiple: boolean) {
    this.actionError = '';
    if (!multiple) {
      this.selection = [optionId];
      return;
    }
    this.selection = checked
      ? [...new Set([...this.selection, optionId])]
      : this.selection.filter((id) => id !== optionId);
    const poll = this.#poll.entry?.value;
    if (checked && poll && this.selection.length >= poll.maxChoices && poll.maxChoices < poll.options.length) {
      void this.#announce(this.localize.term('poll.atMax'));
    }
  }

  async #submitVote(event: SubmitEvent) {
    event.preventDefault();
    const poll = this.#poll.entry?.value;
    const client = this.client;
    if (!poll || !client || this.pending || this.selection.length === 0) return;
    const optionIds = poll.options.map((o) => o.id).filter((id) => this.selection.includes(id));
    if (!this.#emit(new PlazaBeforeVoteEvent(poll.id, optionIds))) return;
    await this.#run('vote', async () => {
      await client.polls.vote(poll.id, optionIds);
      this.editing = this.peeking = false;
      this.#emit(new PlazaVoteEvent(poll.id, optionIds));
      void this.#announce(this.localize.term('poll.voteCounted'));
      return '[data-focus="after-vote"]';
    });
  }

  async #retract() {
    const poll = this.#poll.entry?.value;
    const client = this.client;
    if (!poll || !client || this.pending) return;
    if (!this.#emit(new PlazaBeforeVoteEvent(poll.id, []))) return;
    await this.#run('retract', async () => {
      await client.polls.retractVote(poll.id);
      this.selection = [];
      this.editing = this.peeking = false;
      this.#emit(new PlazaVoteEvent(poll.id, []));
      void this.#announce(this.localize.term('poll.voteRetracted'));
      return 'input:not(:disabled)';
    });
  }

  async #close() {
    const poll = this.#poll.entry?.value;
    const client = this.client;
    if (!poll || !client || this.pending) return;
    const closed = await this.#run('close', async () => {
      await client.polls.close(poll.id);
      this.confirmingClose = this.editing = this.peeking = false;
      this.#emit(new PlazaPollCloseEvent(poll.id));
      void this.#announce(this.localize.term('poll.pollClosed'));
      return '.question';
    });
    if (!closed) {
      this.confirmingClose = false;
      this.#focus('[data-focus="close"]');
    }
  }

  /**
   * Runs one write. A refusal is shown in the alert region (the store has already rolled back) and focus stays
   * where it was; on success focus moves to the selector `action` returns, once the new view is rendered.
   */
  async #run(kind: Exclude<Pending, null>, action: () => Promise<string>): Promise<boolean> {
    this.pending = kind;
    this.actionError = '';
    this.announcement = '';
    let focusTarget: string | undefined;
    try {
      focusTarget = await action();
    } catch (error) {
      // A vote that was already counted stays counted: "your vote was not counted" is only true of a first one.
      const changing = kind === 'retract' || (kind === 'vote' && this.editing);
      this.actionError =
        changing && errorCode(error) === 'poll_closed'
          ? this.localize.term('poll.closedNoChange')
          : errorMessage(this.localize, error);
    } finally {
      this.pending = null;
    }
    if (focusTarget) this.#focus(focusTarget);
    return focusTarget !== undefined;
  }

  /** Dispatches one of the typed events (listed by name in the class JSDoc, where the manifest reads them). */
  #emit(event: PlazaBeforeVoteEvent | PlazaVoteEvent | PlazaPollCloseEvent): boolean {
    return this.dispatchEvent(event);
  }

  /** Sets the live region's text; clearing it first makes a repeated message ("Vote counted") speak again. */
  async #announce(text: string) {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  #focus(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #startEditing(poll: Poll) {
    this.selection = [...poll.myVote];
    this.editing = true;
    this.peeking = false;
    this.actionError = this.announcement = '';
    this.#focus('input:checked, input:not(:disabled)');
  }

  #stopEditing() {
    this.editing = false;
    this.actionError = '';
    this.#focus('[data-focus="after-vote"]');
  }

  #setPeeking(peeking: boolean) {
    this.peeking = peeking;
    this.#focus(peeking ? '[data-focus="back-to-voting"]' : 'input:checked, input:not(:disabled)');
  }

  /** Leaves the "Close this poll now?" question (Cancel, or Escape inside it); focus returns to "Close poll". */
  #cancelClose() {
    this.confirmingClose = false;
    this.#focus('[data-focus="close"]');
  }

  async #retry() {
    this.retrying = true;
    await this.#poll.reload();
    await this.#me.reload();
    this.retrying = false;
    this.#focus(this.#poll.entry?.value ? '.question' : '[data-focus="retry"]');
  }

  // ——— rendering ———

  protected override render() {
    const client = this.client;
    const entry = this.#poll.entry;
    const poll = entry?.value;
    const me = this.#me.entry;
    const meLoading = me?.status === 'loading' && me.value === undefined;

    let body: TemplateResult;
    let labelled = false;
    if (!client || !this.pollId) {
      // Give a late <plaza-config>, Plaza.configure or poll-id a moment before calling it a mistake.
      body = !this.configGraceOver
        ? this.#renderSkeleton()
        : this.#renderMessage(client ? 'poll.notFound' : 'poll.notConfigured');
    } else if (poll && !meLoading) {
      body = this.#renderPoll(poll, me?.value === null);
      labelled = true;
    } else if (entry?.status === 'error' || (this.retrying && entry?.status !== 'ready')) {
      body = this.#renderLoadError(entry?.error);
    } else {
      body = this.#renderSkeleton();
    }

    return html`<div
      part="base"
      class="base"
      role=${ifDefined(labelled ? 'group' : undefined)}
      aria-labelledby=${ifDefined(labelled ? 'question' : undefined)}
      aria-busy=${this.pending || this.retrying ? 'true' : 'false'}
      lang=${this.localize.lang()}
      dir=${this.localize.dir()}
      data-theme=${ifDefined(this.theme)}
    >
      ${body}
      <p part="status" class="status" role="status">${this.announcement}</p>
      <p part="error" class="error" role="alert">${this.actionError}</p>
    </div>`;
  }

  #renderSkeleton() {
    return html`<div class="skeleton" aria-hidden="true">
        <div class="header">
          <div class="bone bone-question"></div>
          <div class="bone bone-meta"></div>
        </div>
        <div class="bone bone-hint"></div>
        <div class="options">
          <div class="bone bone-option"></div>
          <div class="bone bone-option"></div>
          <div class="bone bone-option"></div>
        </div>
        <div class="footer">
          <div class="bone bone-hint"></div>
          <div class="bone bone-button"></div>
        </div>
      </div>
      <span class="visually-hidden">${this.localize.term('poll.loading')}</span>`;
  }

  #renderMessage(key: 'poll.notConfigured' | 'poll.notFound' | 'poll.forbidden') {
    return html`<div class="state"><p>${this.localize.term(key)}</p></div>`;
  }

  #renderLoadError(error: unknown) {
    const code = errorCode(error);
    if (code === 'not_found') return this.#renderMessage('poll.notFound');
    if (code === 'forbidden') return this.#renderMessage('poll.forbidden');
    return html`<div class="state">
      <p>${this.localize.term('poll.loadFailed')}</p>
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

  #renderPoll(poll: Poll, signedOut: boolean) {
    const closed = this.#isClosed(poll);
    const canVote = poll.canVote && !closed;
    const voting = canVote && (this.pending === 'vote' || this.editing || (poll.myVote.length === 0 && !this.peeking));
    const header = html`<div class="header">
      <p part="question" id="question" class="question" tabindex="-1">${poll.question}</p>
      ${this.#renderMeta(poll, closed)}
    </div>`;

    if (poll.options.length === 0) {
      return html`${header}
        <p class="notice">${this.localize.term('poll.noOptions')}</p>`;
    }

    if (voting) {
      return html`${header}
        <form @submit=${this.#submitVote} novalidate>
          ${this.#renderChoices(poll)}
          <div class="footer">
            ${this.#renderTotal(poll)}
            <div part="actions" class="actions">
              <button
                type="submit"
                class="primary"
                aria-disabled=${this.selection.length === 0 || this.pending ? 'true' : 'false'}
              >
                ${this.localize.term(this.pending === 'vote' ? 'poll.sending' : 'poll.vote')}
              </button>
              ${
                this.editing
                  ? html`<button type="button" @click=${this.#stopEditing}>
                      ${this.localize.term('poll.cancel')}
                    </button>`
                  : nothing
              }
              ${
                !this.editing && poll.resultsVisible
                  ? html`<button type="button" class="link" @click=${() => this.#setPeeking(true)}>
                      ${this.localize.term('poll.showResults')}
                    </button>`
                  : nothing
              }
              ${this.#renderCloseButton(poll, closed)}
            </div>
            ${this.#renderCloseConfirm(poll, closed)}
          </div>
        </form>`;
    }

    const hasVoted = poll.myVote.length > 0;
    const busy = this.pending ? 'true' : 'false';
    const actions: TemplateResult[] = [];
    if (canVote && hasVoted) {
      actions.push(
        html`<button
          type="button"
          data-focus="after-vote"
          aria-disabled=${busy}
          @click=${() => !this.pending && this.#startEditing(poll)}
        >
          ${this.localize.term('poll.changeVote')}
        </button>`,
        html`<button type="button" class="link" aria-disabled=${busy} @click=${() => this.#retract()}>
          ${this.localize.term('poll.retractVote')}
        </button>`,
      );
    }
    if (canVote && !hasVoted) {
      actions.push(
        html`<button type="button" class="primary" data-focus="back-to-voting" @click=${() => this.#setPeeking(false)}>
          ${this.localize.term('poll.backToVoting')}
        </button>`,
      );
    }
    const closeButton = this.#renderCloseButton(poll, closed);
    if (closeButton !== nothing) actions.push(closeButton);
    const why = !closed && !poll.canVote ? (signedOut ? 'poll.signInToVote' : 'poll.cannotVote') : null;

    return html`${header} ${poll.resultsVisible ? this.#renderResults(poll) : this.#renderHidden(poll)}
      <div class=${classMap({ footer: true, 'has-actions': actions.length > 0 })}>
        ${this.#renderTotal(poll)}
        ${actions.length ? html`<div part="actions" class="actions">${actions}</div>` : nothing}
        ${why ? html`<p class="notice">${this.localize.term(why)}</p>` : nothing}
        ${this.#renderCloseConfirm(poll, closed)}
      </div>`;
  }

  #renderMeta(poll: Poll, closed: boolean) {
    const closesAt = this.#closesAt(poll);
    const soon = closesAt !== null && closesAt - this.#clock.now < 60 * MINUTE;
    const when = (value: string, key: 'poll.closesAt' | 'poll.closedAt', className = '') =>
      html`<time class=${className} datetime=${value} title=${this.localize.date(value)}>
        ${
          key === 'poll.closedAt' && this.#clock.now - Date.parse(value) < JUST_CLOSED_MS
            ? this.localize.term('poll.closedJustNow')
            : this.localize.term(key, { when: this.localize.relativeTime(value, this.#clock.now) })
        }
      </time>`;
    const closedAt = poll.closedAt ?? poll.closesAt;
    return html`<p part="meta" class="meta">
      ${
        poll.anonymous
          ? html`<span class="badge" title=${this.localize.term('poll.anonymousHint')}
              >${this.localize.term('poll.anonymous')}</span
            >`
          : html`<span class="badge" title=${this.localize.term('poll.publicHint')}
              >${this.localize.term('poll.public')}</span
            >`
      }
      ${
        closed
          ? html`<span class="badge closed"
              >${closedAt ? when(closedAt, 'poll.closedAt') : this.localize.term('poll.closed')}</span
            >`
          : poll.closesAt
            ? when(poll.closesAt, 'poll.closesAt', soon ? 'soon' : '')
            : nothing
      }
    </p>`;
  }

  #renderChoices(poll: Poll) {
    const multiple = poll.multiple;
    const atMax = multiple && this.selection.length >= poll.maxChoices;
    const hint = !multiple
      ? this.localize.term('poll.chooseOne')
      : poll.maxChoices < poll.options.length
        ? this.localize.term('poll.chooseUpTo', { count: this.localize.number(poll.maxChoices) })
        : this.localize.term('poll.chooseAny');
    return html`<p id="hint" class="hint">${hint}</p>
      <fieldset part="options" class="options" aria-labelledby="question" aria-describedby="hint">
        ${poll.options.map((option) => {
          const checked = this.selection.includes(option.id);
          return html`<label part="option" class="option">
            <input
              type=${multiple ? 'checkbox' : 'radio'}
              name="choice"
              .value=${option.id}
              .checked=${checked}
              ?disabled=${atMax && !checked}
              @change=${(event: Event) => this.#toggle(option.id, (event.target as HTMLInputElement).checked, multiple)}
            />
            <span>${option.label}</span>
          </label>`;
        })}
      </fieldset>`;
  }

  #renderResults(poll: Poll) {
    const total = poll.totalVoters;
    return html`<ul part="results" class="results" aria-label=${this.localize.term('poll.results')}>
      ${poll.options.map((option) => this.#renderResult(poll, option, total))}
    </ul>`;
  }

  #renderResult(poll: Poll, option: PollOption, total: number) {
    const votes = option.votes ?? 0;
    // Share of voters: in a multiple-choice poll the percentages can add up to more than 100 %.
    const ratio = total > 0 ? votes / total : 0;
    const mine = poll.myVote.includes(option.id);
    const voters = option.voters ?? [];
    return html`<li part="result" class=${classMap({ result: true, 'mine-result': mine })}>
      <div class="result-row">
        <span class="result-label"
          >${option.label}${mine ? html` <span class="mine">${this.localize.term('poll.yourVote')}</span>` : nothing}</span
        >
        <span class="result-numbers"
          >${this.localize.plural('poll.optionVotes', votes, { percent: this.localize.percent(ratio) })}</span
        >
      </div>
      <div part="bar" class="bar" aria-hidden="true">
        <span class="fill" ${styleProps({ width: `${(ratio * 100).toFixed(1)}%` })}></span>
      </div>
      ${
        !poll.anonymous && voters.length > 0
          ? html`<details part="voters" class="voters">
              <summary>
                ${this.localize.plural('poll.voters', voters.length)}<span class="visually-hidden"
                  >: ${option.label}</span
                >
              </summary>
              <ul>
                ${voters.map((voter) => html`<li>${voter.name}</li>`)}
              </ul>
            </details>`
          : nothing
      }
    </li>`;
  }

  #renderHidden(poll: Poll) {
    const reason = poll.resultsHiddenReason ?? 'after-close';
    const mine = poll.options.filter((o) => poll.myVote.includes(o.id)).map((o) => o.label);
    return html`<ul part="options" class="option-list">
        ${poll.options.map(
          (option) =>
            html`<li part="option" class="option">
              <span>${option.label}</span>${
                poll.myVote.includes(option.id)
                  ? html`<span class="mine">${this.localize.term('poll.yourVote')}</span>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      <p class="notice">
        ${this.localize.term(`poll.hidden.${reason}`, { count: this.localize.number(poll.minGroupSize) })}
        ${
          mine.length
            ? html`<span class="visually-hidden"
                >${this.localize.term('poll.youVotedFor', { options: this.localize.list(mine) })}</span
              >`
            : nothing
        }
      </p>`;
  }

  #renderTotal(poll: Poll) {
    return html`<p part="total" class="total">${this.localize.plural('poll.votes', poll.totalVoters)}</p>`;
  }

  #renderCloseButton(poll: Poll, closed: boolean): TemplateResult | typeof nothing {
    if (!poll.canClose || closed || this.confirmingClose) return nothing;
    return html`<button
      type="button"
      class="danger"
      data-focus="close"
      @click=${() => {
        this.confirmingClose = true;
        this.actionError = '';
        this.#focus('[data-focus="close-cancel"]');
      }}
    >
      ${this.localize.term('poll.close')}
    </button>`;
  }

  #renderCloseConfirm(poll: Poll, closed: boolean) {
    if (!poll.canClose || closed || !this.confirmingClose) return nothing;
    return html`<div
      class="confirm"
      role="group"
      aria-labelledby="confirm-text"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape' || this.pending) return;
        event.stopPropagation();
        this.#cancelClose();
      }}
    >
      <p id="confirm-text">${this.localize.term('poll.closeConfirm')}</p>
      <div class="actions">
        <button
          type="button"
          class="danger"
          aria-disabled=${this.pending ? 'true' : 'false'}
          @click=${() => this.#close()}
        >
          ${this.localize.term('poll.closeConfirmAction')}
        </button>
        <button type="button" data-focus="close-cancel" @click=${this.#cancelClose}>
          ${this.localize.term('poll.cancel')}
        </button>
      </div>
    </div>`;
  }
}
