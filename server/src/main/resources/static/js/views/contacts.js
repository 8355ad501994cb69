// The contacts book (in the server's order, grouped by initial), friend requests, user search and adding by
// QR code: my code, scanning with the camera where BarcodeDetector exists, or a photo decoded by the server.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { avatar } from './avatar.js';

/** A pending incoming request with Accept and Decline (also shown on top of the chat list). */
export function requestRow(store, request) {
  const user = request.user ?? {};
  const name = user.nickname || user.username;
  const status = h('span.request-status', { role: 'status' });
  const act = async (fn) => {
    try {
      await fn();
      await store.loadRequests();
    } catch (e) {
      status.textContent = errorText(e);
    }
  };
  return h('div.request-row', { dataset: { requestId: request.id } },
    avatar(store, user.userId, { name }),
    h('div.request-main', h('span.request-name', name),
      h('span.request-greeting', request.greeting || t('requests.wantsToBeFriends')), status),
    h('div.request-actions',
      h('button.primary.small', { type: 'button', 'aria-label': `${t('requests.accept')} ${name}`,
        onclick: () => act(async () => { await store.api.acceptRequest(request.id); await store.loadContacts(); }) },
      t('requests.accept')),
      h('button.small', { type: 'button', 'aria-label': `${t('requests.decline')} ${name}`,
        onclick: () => act(() => store.api.declineRequest(request.id)) }, t('requests.decline'))));
}

/** A found user with the action that fits: message a friend, or send a request. */
function personRow(store, profile) {
  const name = profile.nickname || profile.username;
  const isMe = profile.userId === store.me;
  const friend = store.contact(profile.userId);
  const asked = store.outgoing.some(r => r.toUserId === profile.userId);
  const action = h('div.person-action');
  const renderAction = (state) => {
    if (isMe) mount(action);
    else if (state === 'friend') {
      mount(action, h('button.small', { type: 'button', onclick: () => openChat(store, profile.userId) },
        t('contacts.message')));
    } else if (state === 'asked') mount(action, h('span.muted-text', t('contacts.requested')));
    else {
      mount(action, h('button.primary.small', { type: 'button', 'aria-label': `${t('contacts.add')} ${name}`,
        onclick: async () => {
          try {
            const request = await store.api.sendFriendRequest(profile.userId, '');
            renderAction(request.status === 'accepted' ? 'friend' : 'asked');
            store.loadRequests();
            if (request.status === 'accepted') store.loadContacts();
          } catch (e) {
            mount(action, h('span.muted-text', errorText(e)));
          }
        } }, t('contacts.add')));
    }
  };
  renderAction(friend ? 'friend' : asked ? 'asked' : 'add');
  return h('li.person-row', { dataset: { userId: profile.userId } },
    avatar(store, profile.userId, { name }),
    h('div.person-main', h('span.person-name', name), h('span.person-sub', `@${profile.username}`)),
    action);
}

async function openChat(store, userId) {
  const id = await store.directWith(userId);
  location.hash = `#/chat/${id}`;
}

let searchState = { query: '', results: null };
// The QR section keeps its state (open, camera, what was found) across redraws of the list.
let qrCache = { store: null, el: null };

export function renderContacts(store, container) {
  const results = h('ul.people', { 'aria-live': 'polite' });
  const showResults = () => {
    if (searchState.results == null) mount(results);
    else if (!searchState.results.length) mount(results, h('li.empty', t('contacts.noResults')));
    else mount(results, searchState.results.map(p => personRow(store, p)));
  };
  const query = h('input#contact-search', { type: 'search', placeholder: t('contacts.searchPlaceholder'),
    value: searchState.query, autocomplete: 'off' });
  const search = h('form.search', { role: 'search', onsubmit: async e => {
    e.preventDefault();
    searchState.query = query.value.trim();
    if (!searchState.query) return;
    try {
      searchState.results = (await store.api.search(searchState.query)).users;
    } catch (err) {
      searchState.results = [];
    }
    showResults();
  } },
  h('label.visually-hidden', { for: 'contact-search' }, t('contacts.search')),
  query, h('button.small', { type: 'submit' }, t('contacts.searchButton')));
  showResults();

  const groups = [];
  let current = null;
  for (const c of store.contacts) {
    if (!current || current.initial !== c.initial) {
      current = { initial: c.initial, items: [] };
      groups.push(current);
    }
    current.items.push(c);
  }

  mount(container,
    h('div.pane-header', h('h2', t('contacts.title'))),
    h('div.pane-scroll',
      search, results,
      store.incoming.length ? h('section.requests', { 'aria-label': t('requests.title') },
        h('h3.section-title', t('requests.title')), store.incoming.map(r => requestRow(store, r))) : null,
      store.outgoing.length ? h('section.requests', { 'aria-label': t('requests.outgoing') },
        h('h3.section-title', t('requests.outgoing')), store.outgoing.map(r => h('div.request-row',
          avatar(store, r.user?.userId, { name: r.user?.nickname || r.user?.username }),
          h('div.request-main', h('span.request-name', r.user?.nickname || r.user?.username)),
          h('button.small', { type: 'button', onclick: async () => {
            await store.api.cancelRequest(r.id).catch(() => {});
            store.loadRequests();
          } }, t('requests.cancel'))))) : null,
      qrElement(store),
      h('section.contacts', { 'aria-label': t('contacts.title') },
        groups.length ? groups.map(g => [
          h('h3.initial', g.initial),
          h('ul.people', g.items.map(c => h('li', h('button.person-row.contact-row', {
            type: 'button', dataset: { userId: c.userId }, onclick: () => openChat(store, c.userId),
          }, avatar(store, c.userId, { name: c.displayName }),
          h('div.person-main', h('span.person-name', c.displayName), h('span.person-sub', c.status ?? '')))))),
        ]) : h('p.empty', t('contacts.empty')))));
}

function qrElement(store) {
  if (qrCache.store !== store) qrCache = { store, el: qrSection(store) };
  return qrCache.el;
}

function qrSection(store) {
  const mine = h('img.my-qr', { alt: t('contacts.myQr'), width: 200, height: 200 });
  const found = h('div.qr-found', { 'aria-live': 'polite' });
  const video = h('video.qr-video', { playsinline: true, muted: true, hidden: true });
  let stream = null;

  const resolve = async (text, profile) => {
    if (!profile) {
      const code = /\/add\/([a-z2-9]+)\/?$/.exec(text ?? '')?.[1];
      if (!code) {
        mount(found, h('p', t('contacts.notParley')));
        return;
      }
      profile = await store.api.byAddCode(code);
    }
    mount(found, h('ul.people', personRow(store, profile)));
  };

  const stop = () => {
    stream?.getTracks().forEach(track => track.stop());
    stream = null;
    video.hidden = true;
  };

  const scan = async () => {
    if (stream) {
      stop();
      return;
    }
    try {
      const detector = new BarcodeDetector({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      while (stream) {
        const codes = await detector.detect(video);
        if (codes.length) {
          stop();
          await resolve(codes[0].rawValue);
          break;
        }
        await new Promise(r => setTimeout(r, 300));
      }
    } catch (e) {
      stop();
      mount(found, h('p', errorText(e)));
    }
  };

  const photo = h('input#qr-photo', { type: 'file', accept: 'image/*', class: 'visually-hidden',
    onchange: async e => {
      const file = e.target.files[0];
      e.target.value = '';
      if (!file) return;
      try {
        const decoded = await store.api.decodeQr(file);
        await resolve(decoded.text, decoded.profile);
      } catch (err) {
        mount(found, h('p', errorText(err)));
      }
    } });

  store.api.qrImage().then(blob => { mine.src = URL.createObjectURL(blob); }, () => {});

  return h('details.qr', h('summary', t('contacts.qr')),
    h('figure', mine, h('figcaption', t('contacts.myQrHint'))),
    h('div.row',
      'BarcodeDetector' in window && navigator.mediaDevices
        ? h('button.small', { type: 'button', onclick: scan }, t('contacts.scan')) : null,
      h('label.button.small', { for: 'qr-photo' }, t('contacts.upload')), photo),
    video, found);
}
