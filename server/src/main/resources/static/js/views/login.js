// Sign in or create an account on one page. A refused login asks the server whether the username exists
// (GET /api/accounts/{username}/exists): if not, it offers to create the account and does so only after the
// person confirms.
import { h, mount } from '../dom.js';
import { Api, ApiError } from '../api.js';
import { errorText, t } from '../i18n.js';

function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom/.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS/.test(ua) ? 'macOS'
    : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : '';
  return `${browser}${os ? ' on ' + os : ''} (web)`;
}

export function showLogin(root, onSignedIn) {
  const username = h('input#login-username', { name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input#login-password', { name: 'password', type: 'password', required: true,
    autocomplete: 'current-password' });
  const message = h('p.form-message', { role: 'alert', 'aria-live': 'assertive' });
  const confirm = h('div.confirm-create', { hidden: true });
  const submit = h('button.primary', { type: 'submit' }, t('login.submit'));

  const busy = on => {
    submit.disabled = on;
    for (const b of confirm.querySelectorAll('button')) b.disabled = on;
  };

  const signIn = async () => {
    const session = await Api.login(username.value, password.value, deviceName());
    onSignedIn(session);
  };

  const show = error => {
    message.textContent = error.code === 'too_many_attempts'
      ? t('login.tooMany', { seconds: error.retryAfter || 60 }) : errorText(error);
  };

  const offerToCreate = name => {
    mount(confirm,
      h('p', t('login.noSuchUser', { name })),
      h('div.row',
        h('button.primary', { type: 'button', onclick: async () => {
          busy(true);
          try {
            await Api.register(name, password.value);
            await signIn();
          } catch (e) {
            show(e);
          } finally {
            busy(false);
          }
        } }, t('login.create')),
        h('button', { type: 'button', onclick: () => { confirm.hidden = true; username.focus(); } },
          t('login.cancel'))));
    confirm.hidden = false;
    confirm.querySelector('button').focus();
  };

  const form = h('form.login-form', { 'aria-labelledby': 'login-title', onsubmit: async event => {
    event.preventDefault();
    message.textContent = '';
    confirm.hidden = true;
    busy(true);
    try {
      await signIn();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_credentials') {
        try {
          const existence = await Api.exists(username.value);
          if (existence.exists) message.textContent = t('login.wrongPassword');
          else offerToCreate(existence.username);
        } catch (e2) {
          show(e2);
        }
      } else {
        show(e);
      }
    } finally {
      busy(false);
    }
  } },
  h('label', { for: 'login-username' }, t('login.username')), username,
  h('label', { for: 'login-password' }, t('login.password')), password,
  submit, message, confirm);

  mount(root, h('main.login', h('div.login-card',
    h('img.login-logo', { src: '/icons/icon.svg', alt: '' }),
    h('h1#login-title', t('login.title')),
    h('p.hint', t('login.subtitle')),
    form)));
  username.focus();
}
