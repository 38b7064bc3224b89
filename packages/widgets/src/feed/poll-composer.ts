import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CreatePollRequest } from '@plaza/contract';
import { POLL_LIMITS, isBlank, sameTextKey } from '@plaza/contract/limits';
import { PlazaElement } from '../internal/plaza-element.ts';
import { feedStrings } from '../locales/feed.ts';
import { pollComposerStyles } from './poll-composer.styles.ts';

/**
 * A small poll composer: question, 2–10 options, single or multiple choice, anonymous or named. It does not
 * talk to the server: the form that holds it (`<plaza-composer>`, the snippet builder) reads `value` after
 * `validate()` and creates the poll when it sends. The same draft survives re-renders of the host.
 *
 * @tag plaza-poll-composer
 * @summary Write a poll to attach to a post.
 *
 * @csspart base - The fieldset.
 * @csspart option - One option's row (text field and remove button).
 *
 * @cssprop --plaza-color-border - Fieldset border.
 * @cssprop --plaza-color-danger - Validation messages.
 */
export class PlazaPollComposer extends PlazaElement {
  static override styles = [...PlazaElement.styles, pollComposerStyles];
  static override strings = [feedStrings];

  /** Group the poll will belong to (the post's group). */
  @property({ attribute: 'group-id' }) groupId: string | null = null;

  @state() question = '';
  @state() options: string[] = ['', ''];
  @state() multiple = false;
  @state() anonymous = false;
  @state() private error = '';

  /** The request to create the poll, or null while the draft is incomplete. */
  get value(): CreatePollRequest | null {
    const question = this.question.trim();
    const options = this.options.filter((option) => !isBlank(option)).map((option) => option.trim());
    if (isBlank(question) || options.length < POLL_LIMITS.optionsMin) return null;
    return { question, options, multiple: this.multiple, anonymous: this.anonymous, groupId: this.groupId };
  }

  /** Checks the draft; shows and returns a message (and focuses the field) when it is incomplete. */
  validate(): string | null {
    const question = this.question.trim();
    const filled = this.options.filter((option) => !isBlank(option));
    let message = '';
    let selector = '';
    if (isBlank(question)) {
      message = this.localize.term('feed.poll.needQuestion');
      selector = '#question';
    } else if (question.length > POLL_LIMITS.questionMax) {
      message = this.localize.term('feed.poll.questionTooLong', { max: this.localize.number(POLL_LIMITS.questionMax) });
      selector = '#question';
    } else if (filled.length < POLL_LIMITS.optionsMin) {
      message = this.localize.term('feed.poll.needOptions');
      selector = `[data-option="${this.options.findIndex((option) => isBlank(option))}"]`;
    } else if (new Set(filled.map(sameTextKey)).size !== filled.length) {
      message = this.localize.term('feed.poll.duplicateOptions');
      selector = '[data-option="0"]';
    }
    this.error = message;
    if (selector) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
    return message || null;
  }

  /** Empties the draft (after the post was sent). */
  reset(): void {
    this.question = '';
    this.options = ['', ''];
    this.multiple = this.anonymous = false;
    this.error = '';
  }

  #setOption(index: number, value: string) {
    this.options = this.options.map((option, i) => (i === index ? value : option));
    this.error = '';
  }

  #addOption() {
    if (this.options.length >= POLL_LIMITS.optionsMax) return;
    this.options = [...this.options, ''];
    const index = this.options.length - 1;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-option="${index}"]`)?.focus(),
    );
  }

  #removeOption(index: number) {
    this.options = this.options.filter((_, i) => i !== index);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-option="${Math.max(0, index - 1)}"]`)?.focus(),
    );
  }

  protected override render() {
    const t = (key: Parameters<typeof this.localize.term>[0], params?: Record<string, string | number>) =>
      this.localize.term(key, params);
    return html`<fieldset part="base" lang=${this.localize.lang()} dir=${this.localize.dir()}>
      <legend>${t('feed.poll.legend')}</legend>
      <label
        >${t('feed.poll.question')}
        <input
          id="question"
          type="text"
          maxlength=${POLL_LIMITS.questionMax}
          .value=${this.question}
          @input=${(event: Event) => {
            this.question = (event.target as HTMLInputElement).value;
            this.error = '';
          }}
        />
      </label>
      ${this.options.map(
        (option, index) =>
          html`<div class="row" part="option">
            <label
              >${t('feed.poll.option', { n: this.localize.number(index + 1) })}
              <input
                type="text"
                data-option=${index}
                maxlength=${POLL_LIMITS.optionLabelMax}
                .value=${option}
                @input=${(event: Event) => this.#setOption(index, (event.target as HTMLInputElement).value)}
              />
            </label>
            ${
              this.options.length > POLL_LIMITS.optionsMin
                ? html`<button
                    type="button"
                    aria-label=${t('feed.poll.removeOption', { n: this.localize.number(index + 1) })}
                    @click=${() => this.#removeOption(index)}
                  >
                    ✕
                  </button>`
                : nothing
            }
          </div>`,
      )}
      ${
        this.options.length < POLL_LIMITS.optionsMax
          ? html`<div><button type="button" @click=${this.#addOption}>${t('feed.poll.addOption')}</button></div>`
          : nothing
      }
      <div class="checks">
        <label
          ><input
            type="checkbox"
            .checked=${this.multiple}
            @change=${(event: Event) => (this.multiple = (event.target as HTMLInputElement).checked)}
          />${t('feed.poll.multiple')}</label
        >
        <label
          ><input
            type="checkbox"
            .checked=${this.anonymous}
            @change=${(event: Event) => (this.anonymous = (event.target as HTMLInputElement).checked)}
          />${t('feed.poll.anonymous')}</label
        >
      </div>
      <p class="error" role="alert">${this.error}</p>
    </fieldset>`;
  }
}
