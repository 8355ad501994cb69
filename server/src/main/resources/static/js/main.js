// Boot: the sign-in page without a stored session, the app with one. Registers the service worker.
import { Api, loadSession, saveSession } from 'parley/api.js';
import { setLanguage } from 'parley/i18n.js';
import { Store } from 'parley/store.js';
import { showLogin } from 'parley/views/login.js';
import { showShell } from 'parley/views/shell.js';

const root = document.getElementById('app');

// An invite or add-friend link (/join/{token}, /add/{code}) opens the app at the matching route.
const link = /^\/(join|add)\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname);
if (link) history.replaceState(null, '', link[1] === 'join' ? `/#/join/${link[2]}` : '/#/contacts');
let store = null;
let closeShell = null;

function start() {
  const session = loadSession();
  if (!session?.token) {
    showLogin(root, signedIn => {
      saveSession(signedIn);
      start();
    });
    return;
  }
  store = new Store(new Api(session), session).start();
  store.on('loggedOut', () => logout(false));
  closeShell = showShell(root, store, shellOptions);
}

const shellOptions = { onLogout: logout, onLanguage: switchLanguage };

function switchLanguage(language) {
  setLanguage(language);
  closeShell();
  closeShell = showShell(root, store, shellOptions);
}

async function logout(tellServer) {
  if (tellServer) await store?.api.logout().catch(() => {});
  closeShell?.();
  store?.stop();
  store = null;
  saveSession(null);
  location.hash = '';
  start();
}

// Another tab logged in or out: follow it.
window.addEventListener('storage', e => {
  if (e.key === 'parley.session' && (e.newValue == null) !== (store == null)) location.reload();
});

if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

start();
