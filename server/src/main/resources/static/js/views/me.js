// Me: avatar (cropped to a square in a canvas before upload), nickname, status, language, notifications,
// devices (list, revoke) and log out.
import { h, mount } from '../dom.js';
import { LANGUAGES, currentLanguage, errorText, t } from '../i18n.js';
import { listTime } from '../format.js';
import { avatar } from './avatar.js';

const AVATAR_SIZE = 512;

/** The image cropped to its centred square and scaled to 512×512, as a PNG blob. */
async function squareCrop(file) {
  const bitmap = await createImageBitmap(file);
  const side = Math.min(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = Math.min(AVATAR_SIZE, side);
  canvas.getContext('2d').drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side,
    0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
}

export function renderMe(store, container, { onLogout, onLanguage }) {
  const profile = store.profiles.get(store.me) ?? {};
  const message = h('p.form-message.ok', { role: 'status' });
  const nickname = h('input#me-nickname', { value: profile.nickname ?? '', maxlength: '32', autocomplete: 'nickname' });
  const status = h('input#me-status', { value: profile.status ?? '', maxlength: '70' });
  const devices = h('ul.devices');
  const displayName = h('p.me-name', profile.nickname || store.session.username);
  const avatarSlot = h('span.avatar-slot', avatar(store, store.me, { size: 'lg', name: profile.nickname || store.session.username }));
  const avatarInput = h('input#me-avatar', { type: 'file', accept: 'image/*', class: 'visually-hidden',
    onchange: async e => {
      const file = e.target.files[0];
      e.target.value = '';
      if (!file) return;
      try {
        const square = await squareCrop(file);
        const media = await store.api.uploadMedia(new File([square], 'avatar.png', { type: 'image/png' }), 'avatar');
        const updated = await store.api.updateProfile({ avatarId: media.id });
        store.profiles.set(store.me, updated.profile);
        store.emit('profiles');
        mount(avatarSlot, avatar(store, store.me, { size: 'lg' }));
      } catch (err) {
        message.textContent = errorText(err);
      }
    } });

  const loadDevices = async () => {
    try {
      const list = await store.api.devices();
      mount(devices, list.map(d => h('li.device', { dataset: { deviceId: d.id } },
        h('div.device-main', h('span.device-name', d.name, d.current ? ` (${t('me.thisDevice')})` : ''),
          h('span.device-sub', t('me.lastSeen', { time: listTime(d.lastSeenAt) }))),
        h('button.small', { type: 'button', 'aria-label': `${t('me.revoke')} ${d.name}`, onclick: async () => {
          await store.api.revokeDevice(d.id).catch(() => {});
          if (d.current) onLogout(false);
          else loadDevices();
        } }, t('me.revoke')))));
    } catch (e) {
      mount(devices, h('li', errorText(e)));
    }
  };
  loadDevices();
  if (!store.profiles.has(store.me)) {
    store.api.myProfile().then(mine => {
      store.profiles.set(store.me, mine.profile);
      if (!nickname.value) nickname.value = mine.profile.nickname ?? '';
      if (!status.value) status.value = mine.profile.status ?? '';
      displayName.textContent = mine.profile.nickname || store.session.username;
    }, () => {});
  }

  const notificationText = () => !('Notification' in window) ? ''
    : Notification.permission === 'granted' ? t('me.notificationsOn')
      : Notification.permission === 'denied' ? t('me.notificationsDenied') : '';
  const notificationStatus = h('span.muted-text', notificationText());

  const language = h('select#me-language', { onchange: e => onLanguage(e.target.value) },
    Object.entries(LANGUAGES).map(([code, name]) => h('option', { value: code, selected: code === currentLanguage() },
      name)));

  const hideLastSeen = h('input#me-hide-last-seen', { type: 'checkbox', disabled: true, onchange: async e => {
    try {
      const settings = await store.api.setPresenceSettings({ hideLastSeen: e.target.checked });
      e.target.checked = settings.hideLastSeen;
    } catch (err) {
      e.target.checked = !e.target.checked;
      message.textContent = errorText(err);
    }
  } });
  store.api.presenceSettings().then(settings => {
    hideLastSeen.checked = settings.hideLastSeen;
    hideLastSeen.disabled = false;
  }, () => {});

  mount(container,
    h('div.pane-header', h('h2', t('me.title'))),
    h('div.pane-scroll',
      h('div.me-card',
        h('label.avatar-edit', { for: 'me-avatar', title: t('me.avatar') },
          avatarSlot, h('span.visually-hidden', t('me.avatar'))),
        avatarInput,
        h('div', displayName,
          h('p.person-sub', t('me.username', { name: store.session.username })))),
      h('form.profile-form', { onsubmit: async e => {
        e.preventDefault();
        try {
          const updated = await store.api.updateProfile({ nickname: nickname.value, status: status.value });
          store.profiles.set(store.me, updated.profile);
          message.textContent = t('me.saved');
          displayName.textContent = updated.profile.nickname || store.session.username;
          store.emit('profiles');
        } catch (err) {
          message.textContent = errorText(err);
        }
      } },
      h('label', { for: 'me-nickname' }, t('me.nickname')), nickname,
      h('label', { for: 'me-status' }, t('me.status')), status,
      h('button.primary', { type: 'submit' }, t('me.save')), message),
      h('div.setting', h('label', { for: 'me-language' }, t('me.language')), language),
      h('div.setting', h('label.switch-row', { for: 'me-hide-last-seen' }, hideLastSeen, t('me.hideLastSeen'))),
      'Notification' in window ? h('div.setting',
        h('button.small', { type: 'button', onclick: async () => {
          await Notification.requestPermission();
          notificationStatus.textContent = notificationText();
        } }, t('me.notifications')), notificationStatus) : null,
      h('h3.section-title', t('me.devices')), devices,
      h('button.danger', { type: 'button', onclick: () => onLogout(true) }, t('me.logout'))));
}
