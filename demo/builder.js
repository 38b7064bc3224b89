// The snippet builder: pick a widget and its content from the live API, see the real widget, copy the snippet.
// Plain DOM code (no innerHTML): every value that reaches the page comes from the API or the editor.
const origin = location.origin;
const $ = (selector) => document.querySelector(selector);
const form = $('#builder');
const preview = $('#preview');
const snippetField = $('#snippet');
const copyStatus = $('#copy-status');
const catalogStatus = $('#catalog-status');

/** Same conventions as the SDK: cookie session, the CSRF header on writes, an Idempotency-Key per action. */
async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-Plaza-CSRF'] = '1';
    headers['Idempotency-Key'] = crypto.randomUUID();
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(data?.error?.message ?? `The server answered ${response.status}`);
    error.status = response.status;
    error.fields = data?.error?.fields ?? {};
    throw error;
  }
  return data;
}

// ——— Settings ———

const TAGS = {
  poll: 'plaza-poll',
  feed: 'plaza-feed',
  'group-card': 'plaza-group-card',
  'ask-expert': 'plaza-ask-expert',
};

const radioValue = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value;

/**
 * "Posts per page" as a whole number within the field's `min` and `max` (the API's bounds; e2e/builder checks them
 * against the contract), or null; a value outside that is said beside the field (the snippet leaves page-size out
 * meanwhile, so the feed shows its default, the field's `data-default`).
 */
function pageSize() {
  const field = $('#feed-page-size');
  const raw = field.value.trim();
  const size = Number(raw);
  const [min, max] = [Number(field.min), Number(field.max)];
  const valid = !field.validity.badInput && (raw === '' || (Number.isInteger(size) && size >= min && size <= max));
  field.setAttribute('aria-invalid', String(!valid));
  $('#feed-page-size-error').textContent = valid
    ? ''
    : `A whole number from ${min} to ${max}. Until then the snippet leaves it out and the feed shows ` +
      `${field.dataset.default} posts per page.`;
  return raw !== '' && valid ? size : null;
}

/**
 * The feed's topic as posts tag it (`#it-help` → `it-help`), or '' for none. A topic is one word, as the server reads
 * `#topic` in a post: letters (umlauts too), digits, `-` and `_`, at least one letter. Anything else ("IT Help!")
 * would filter the feed down to nothing, so it is said beside the field and left out of the snippet meanwhile.
 */
function feedTopic() {
  const field = $('#feed-topic');
  const topic = field.value.trim().replace(/^#/, '').toLowerCase();
  const valid = topic === '' || (/^[\p{L}\p{N}_-]{1,100}$/u.test(topic) && /\p{L}/u.test(topic));
  field.setAttribute('aria-invalid', String(!valid));
  $('#feed-topic-error').textContent = valid
    ? ''
    : 'One word of letters, digits, - or _ (like it-help), as posts tag it. Until then the snippet leaves it out.';
  return valid ? topic : '';
}

/** The widget's attributes, in the order they appear in the snippet; empty values are left out. */
function widgetAttributes(widget) {
  switch (widget) {
    case 'poll':
      return [['poll-id', $('#poll-id').value]];
    case 'feed': {
      const size = pageSize();
      return [
        ['group-id', $('#feed-group').value],
        ['topic', feedTopic()],
        ['page-size', size === null ? '' : String(size)],
        ['compose', $('#feed-compose').checked ? true : ''],
      ];
    }
    case 'group-card':
      return [
        ['group-id', $('#group-id').value],
        ['layout', $('#group-layout').value === 'compact' ? 'compact' : ''],
      ];
    case 'ask-expert':
      return [
        ['topic', $('#expert-topic').value],
        ['label', $('#expert-label').value.trim()],
      ];
    default:
      return [];
  }
}

function settings() {
  const widget = radioValue('widget') ?? 'poll';
  return {
    widget,
    tag: TAGS[widget],
    attributes: widgetAttributes(widget).filter(([, value]) => value !== ''),
    locale: radioValue('locale') ?? 'en',
    theme: radioValue('theme') ?? 'auto',
    crossOrigin: $('#cross-origin').checked,
  };
}

const escapeAttribute = (value) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function attributeText(attributes) {
  return attributes
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join('');
}

function snippetFor(current) {
  const config = [
    ['api-base', `${origin}/`],
    ['locale', current.locale],
    ['theme', current.theme],
    ...(current.crossOrigin ? [['credentials', 'include']] : []),
  ];
  return [
    `<script type="module" src="${escapeAttribute(`${origin}/dist/plaza.js`)}"></script>`,
    `<plaza-config${attributeText(config)}>`,
    `  <${current.tag}${attributeText(current.attributes)}></${current.tag}>`,
    `</plaza-config>`,
  ].join('\n');
}

/** What the preview shows now, so an unchanged setting does not reload the widget. */
let previewKey = '';

function renderPreview(current) {
  preview.dataset.theme = current.theme;
  const key = JSON.stringify([current.tag, current.attributes, current.locale, current.theme]);
  if (key === previewKey) return;
  previewKey = key;
  const config = document.createElement('plaza-config');
  config.setAttribute('api-base', '/');
  config.setAttribute('locale', current.locale);
  config.setAttribute('theme', current.theme);
  config.lang = current.locale;
  const widget = document.createElement(current.tag);
  for (const [name, value] of current.attributes) widget.setAttribute(name, value === true ? '' : value);
  config.append(widget);
  preview.replaceChildren(config);
}

function update() {
  const current = settings();
  for (const fieldset of form.querySelectorAll('fieldset[data-widget]')) {
    fieldset.hidden = fieldset.dataset.widget !== current.widget;
  }
  const snippet = snippetFor(current);
  if (snippetField.value !== snippet) {
    snippetField.value = snippet;
    copyStatus.textContent = '';
  }
  renderPreview(current);
}

form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (event) => event.preventDefault());

// ——— Lists from the API ———

function fillSelect(select, items, { keep = select.value, empty } = {}) {
  const options = items.map(({ value, label }) => new Option(label, value));
  if (empty) options.unshift(new Option(empty, ''));
  select.replaceChildren(...options);
  if (items.some((item) => item.value === keep) || (empty && keep === '')) select.value = keep;
}

let groupNames = new Map();

async function loadCatalog({ selectPoll } = {}) {
  catalogStatus.textContent = 'Loading polls, groups and topics…';
  $('#catalog-retry').hidden = true;
  try {
    const catalog = await api('/catalog');
    groupNames = new Map(catalog.groups.map((group) => [group.id, group.name]));
    fillSelect(
      $('#poll-id'),
      catalog.polls.map((poll) => ({
        value: poll.id,
        label: `${poll.question}${poll.groupId ? ` — ${groupNames.get(poll.groupId) ?? poll.groupId}` : ''}${poll.closed ? ' (closed)' : ''}`,
      })),
      { keep: selectPoll ?? $('#poll-id').value },
    );
    const groups = catalog.groups.map((group) => ({
      value: group.id,
      label: `${group.name}${group.visibility === 'private' ? ' (private)' : ''}`,
    }));
    fillSelect($('#group-id'), groups);
    fillSelect($('#feed-group'), groups, { empty: 'All groups (company feed)' });
    const topics = catalog.topics.map((topic) => ({ value: topic, label: topic }));
    fillSelect($('#expert-topic'), topics);
    $('#topic-list').replaceChildren(...catalog.topics.map((topic) => new Option(topic)));
    catalogStatus.textContent = `${catalog.polls.length} polls, ${catalog.groups.length} groups and ${catalog.topics.length} topics to choose from.`;
  } catch (error) {
    catalogStatus.textContent = `The lists could not be loaded: ${error.message}.`;
    $('#catalog-retry').hidden = false;
  }
  update();
}

$('#catalog-retry').addEventListener('click', () => loadCatalog());

// ——— Create a poll ———

const createButton = $('#create-poll');
const createError = $('#create-poll-error');

const composer = $('#new-poll-composer');

async function createPoll() {
  createError.textContent = '';
  // The composer shows its own message and focuses the field to fix.
  if (composer.validate()) return;
  const draft = composer.value;
  if (!draft) return;
  createButton.disabled = true;
  createButton.textContent = 'Creating…';
  let failed = false;
  try {
    const poll = await api('/polls', {
      method: 'POST',
      body: {
        ...draft,
        ...(draft.multiple ? { maxChoices: draft.options.length } : {}),
        resultsVisibility: $('#new-poll-results').value,
      },
    });
    await loadCatalog({ selectPoll: poll.id });
    composer.reset();
    $('#new-poll').open = false;
    catalogStatus.textContent = `Poll created and selected: ${poll.question}`;
    $('#poll-id').focus();
  } catch (error) {
    failed = true;
    createError.textContent =
      error.status === 401
        ? 'Sign in first (top right): polls are created in the name of the person signed in.'
        : [error.message, ...Object.values(error.fields ?? {}).flat()].join(' ');
  } finally {
    createButton.disabled = false;
    createButton.textContent = 'Create poll';
    // Disabling the button while the request ran took focus away; after a refusal it comes back to it
    // (the alert beside it says why), so a keyboard user can correct and try again.
    if (failed) createButton.focus();
  }
}

createButton.addEventListener('click', createPoll);

// ——— Copy ———

$('#copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippetField.value);
    copyStatus.textContent = 'Copied! Paste it into your page.';
  } catch {
    // No clipboard access (an insecure origin, a denied permission): select the text for Ctrl+C instead.
    snippetField.focus();
    snippetField.select();
    copyStatus.textContent = 'Copying is blocked here: the snippet is selected, press Ctrl+C (⌘C on a Mac).';
  }
});
// Selecting the whole snippet on focus makes copying by keyboard one shortcut.
snippetField.addEventListener('focus', () => snippetField.select());

// ——— Demo sign-in (needed to create polls) ———

const userSelect = $('#user');
async function loadUsers() {
  try {
    const [users, me] = await Promise.all([api('/dev/users'), api('/me').catch(() => null)]);
    userSelect.replaceChildren(new Option('Signed out', ''));
    for (const user of users.items)
      userSelect.add(new Option(`${user.name}${user.role === 'manager' ? ' ★' : ''}`, user.id));
    userSelect.value = me?.id ?? '';
  } catch {
    userSelect.replaceChildren(new Option('Demo users could not be loaded', ''));
  }
}
userSelect.addEventListener('change', async () => {
  await api('/dev/session', { method: 'POST', body: { userId: userSelect.value || null } });
  // The widgets' client is per page and caches the viewer: a fresh page is the honest way to switch.
  location.reload();
});

$('#origin-note').textContent = origin;
update();
loadUsers();
loadCatalog();
