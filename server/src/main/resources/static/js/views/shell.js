// The signed-in app: a navigation rail (a tab bar on phones), a side pane with the current list and a main
// pane with the open conversation. Routes live in the location hash: #/chats, #/chat/{id}, #/contacts, #/me,
// #/join/{token} (an invite link; main.js turns the path /join/{token} into it).
// On phones one pane shows at a time.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { renderChatList } from './chats.js';
import { ConversationView } from './conversation.js';
import { renderContacts } from './contacts.js';
import { renderMe } from './me.js';
import { renderJoin } from './join.js';
import { avatar } from './avatar.js';

const BASE_TITLE = 'Parley';

export function showShell(root, store, { onLogout, onLanguage }) {
  const side = h('section.side', { 'aria-label': t('chats.list') });
  const main = h('section.main', { 'aria-label': t('conv.messages') });
  const banner = h('div.banner', { role: 'status', 'aria-live': 'polite', hidden: true });
  const chatsBadge = h('span.badge.nav-badge', { hidden: true });
  const contactsBadge = h('span.badge.nav-badge', { hidden: true });
  const meAvatar = h('span.nav-me');
  const navButton = (tab, label, icon, badge) => h('a.nav-item', {
    href: `#/${tab}`, dataset: { tab }, 'aria-label': label,
  }, h(`span.nav-icon.icon-${icon}`, { 'aria-hidden': 'true' }), h('span.nav-label', label), badge);
  const nav = h('nav.rail', { 'aria-label': t('nav.main') },
    meAvatar,
    navButton('chats', t('nav.chats'), 'chats', chatsBadge),
    navButton('contacts', t('nav.contacts'), 'contacts', contactsBadge),
    navButton('me', t('nav.me'), 'me', null));
  const app = h('div.app', nav, side, main, banner);
  mount(root, app);

  let route = { tab: 'chats', conversationId: null, join: null };
  let conversation = null;

  const renderSide = () => {
    if (route.tab === 'chats') {
      renderChatList(store, side, { selectedId: route.conversationId, onOpen: id => { location.hash = `#/chat/${id}`; } });
    } else if (route.tab === 'contacts') {
      renderContacts(store, side);
    } else {
      renderMe(store, side, { onLogout, onLanguage });
    }
  };

  const renderMain = () => {
    if (route.join) {
      conversation?.destroy();
      conversation = null;
      renderJoin(store, main, route.join, { onJoined: id => { location.hash = `#/chat/${id}`; } });
    } else if (route.conversationId == null) {
      conversation?.destroy();
      conversation = null;
      mount(main, h('div.placeholder', h('img', { src: '/icons/icon.svg', alt: '' }), h('p', t('chats.pickOne'))));
    } else if (!conversation || conversation.id !== route.conversationId) {
      conversation?.destroy();
      conversation = new ConversationView(store, route.conversationId, { onBack: () => { location.hash = '#/chats'; } });
      mount(main, conversation.el);
      conversation.start();
    }
  };

  const applyRoute = () => {
    const hash = location.hash;
    const chat = /^#\/chat\/(\d+)$/.exec(hash);
    const join = /^#\/join\/([A-Za-z0-9_-]+)$/.exec(hash);
    if (join) route = { tab: 'chats', conversationId: null, join: join[1] };
    else if (chat) route = { tab: 'chats', conversationId: Number(chat[1]) };
    else if (hash === '#/contacts') route = { tab: 'contacts', conversationId: route.conversationId };
    else if (hash === '#/me') route = { tab: 'me', conversationId: route.conversationId };
    else route = { tab: 'chats', conversationId: hash === '#/chats' ? null : route.conversationId };
    app.classList.toggle('show-main', chat != null || join != null);
    for (const a of nav.querySelectorAll('.nav-item')) {
      a.toggleAttribute('aria-current', a.dataset.tab === route.tab);
      if (a.dataset.tab === route.tab) a.setAttribute('aria-current', 'page');
    }
    side.setAttribute('aria-label', t(`nav.${route.tab}`));
    renderSide();
    renderMain();
  };

  const renderBadges = () => {
    const total = store.totalUnread;
    chatsBadge.hidden = total === 0;
    chatsBadge.textContent = total > 99 ? '99+' : String(total);
    chatsBadge.setAttribute('aria-label', t('chats.unread', { n: total }));
    contactsBadge.hidden = store.incoming.length === 0;
    contactsBadge.textContent = String(store.incoming.length);
    document.title = total > 0 ? `(${total > 99 ? '99+' : total}) ${BASE_TITLE}` : BASE_TITLE;
  };

  const renderConnection = state => {
    banner.hidden = state === 'ready';
    banner.dataset.state = state;
    banner.textContent = state === 'reconnecting' ? t('conn.reconnecting')
      : state === 'ended' ? t('conn.ended') : t('conn.connecting');
  };

  const renderMeAvatar = () => mount(meAvatar, avatar(store, store.me, { size: 'sm' }));

  const off = [
    store.on('conversations', () => { if (route.tab === 'chats') renderSide(); renderBadges(); }),
    store.on('requests', () => { if (route.tab !== 'me') renderSide(); renderBadges(); }),
    store.on('contacts', () => { if (route.tab === 'contacts') renderSide(); }),
    store.on('profiles', () => { if (route.tab !== 'me') renderSide(); renderMeAvatar(); }),
    store.on('connection', renderConnection),
    store.on('incoming', message => notify(store, message, route)),
  ];
  window.addEventListener('hashchange', applyRoute);
  renderConnection(store.connection);
  renderMeAvatar();
  applyRoute();
  renderBadges();

  return () => {
    off.forEach(f => f());
    window.removeEventListener('hashchange', applyRoute);
    conversation?.destroy();
  };
}

/** A system notification for a message from someone else while the tab is hidden, when permitted. */
function notify(store, message, route) {
  if (!document.hidden && route.conversationId === message.conversationId) return;
  if (!document.hidden || !('Notification' in window) || Notification.permission !== 'granted') return;
  const name = store.displayName(message.senderId);
  const body = message.kind === 'image' ? t('chats.image') : message.body;
  const n = new Notification(t('notify.newMessage', { name }), { body, tag: `c${message.conversationId}`,
    icon: '/icons/icon-192.png' });
  n.onclick = () => {
    window.focus();
    location.hash = `#/chat/${message.conversationId}`;
    n.close();
  };
}
