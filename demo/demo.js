// Demo chrome only (user switcher, theme, language); the widgets themselves need none of this.
const api = (path, init) => fetch(path, { credentials: 'same-origin', ...init });
const lang = document.documentElement.lang || 'en';
const text = {
  en: { signedOut: 'Signed out', loadFailed: 'Demo users could not be loaded' },
  de: { signedOut: 'Abgemeldet', loadFailed: 'Demo-Benutzer konnten nicht geladen werden' },
}[lang.startsWith('de') ? 'de' : 'en'];

const themeSelect = document.querySelector('#theme');
const savedTheme = localStorage.getItem('plaza-demo-theme') ?? 'auto';
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  for (const config of document.querySelectorAll('plaza-config')) config.setAttribute('theme', theme);
  localStorage.setItem('plaza-demo-theme', theme);
}
themeSelect.value = savedTheme;
applyTheme(savedTheme);
themeSelect.addEventListener('change', () => applyTheme(themeSelect.value));

const userSelect = document.querySelector('#user');
async function loadUsers() {
  try {
    const [users, me] = await Promise.all([
      api('/v1/dev/users').then((r) => r.json()),
      api('/v1/me').then((r) => (r.ok ? r.json() : null)),
    ]);
    userSelect.replaceChildren(new Option(text.signedOut, ''));
    for (const user of users.items)
      userSelect.add(new Option(`${user.name}${user.role === 'manager' ? ' ★' : ''}`, user.id));
    userSelect.value = me?.id ?? '';
  } catch {
    userSelect.replaceChildren(new Option(text.loadFailed, ''));
  }
}
userSelect.addEventListener('change', async () => {
  await api('/v1/dev/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Plaza-CSRF': '1' },
    body: JSON.stringify({ userId: userSelect.value || null }),
  });
  // Signing in as someone else is a page load on a real intranet too.
  location.reload();
});
loadUsers();
