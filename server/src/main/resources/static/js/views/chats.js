// The chat list: pending friend requests on top, then conversations newest first with avatar, name, last
// message, time and unread badge. Summaries may later carry `pinned`, `muted` and `mentioned` (groups):
// pinned rows sort first, muted rows show a dot instead of a count, mentions get a mark.
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';
import { listTime } from '../format.js';
import { avatar } from './avatar.js';
import { requestRow } from './contacts.js';

function titleOf(store, summary) {
  return summary.title ?? (summary.peerId ? store.displayName(summary.peerId) : `#${summary.id}`);
}

function previewText(store, summary) {
  const last = summary.lastMessage;
  if (!last) return '';
  const text = last.kind === 'image' ? last.preview.replace(/^\[image\]/, t('chats.image')) : last.preview;
  return text;
}

function sortKey(summary) {
  return summary.lastMessage?.createdAt ?? summary.createdAt;
}

export function renderChatList(store, container, { selectedId, onOpen }) {
  const rows = [...store.conversations.values()]
    .sort((a, b) => (Number(!!b.pinned) - Number(!!a.pinned)) || sortKey(b) - sortKey(a));
  const requests = store.incoming.map(r => requestRow(store, r));
  mount(container,
    requests.length ? h('section.requests', { 'aria-label': t('requests.title') },
      h('h2.section-title', t('requests.title')), requests) : null,
    rows.length === 0 && !requests.length ? h('p.empty', t('chats.empty')) : null,
    h('ul.chat-list', { 'aria-label': t('chats.list') }, rows.map(summary => {
      const name = titleOf(store, summary);
      const unread = summary.unread;
      const badge = unread > 0
        ? (summary.muted ? h('span.badge.dot', { role: 'img', 'aria-label': t('chats.unread', { n: unread }) })
          : h('span.badge', { role: 'img', 'aria-label': t('chats.unread', { n: unread }) },
            unread > 99 ? '99+' : unread))
        : null;
      return h('li', h('button.chat-row', {
        type: 'button',
        class: [summary.id === selectedId ? 'selected' : '', summary.pinned ? 'pinned' : '',
          summary.muted ? 'muted' : ''].join(' '),
        'aria-current': summary.id === selectedId ? 'true' : null,
        dataset: { conversationId: summary.id },
        onclick: () => onOpen(summary.id),
      },
      h('span.avatar-wrap', summary.peerId ? avatar(store, summary.peerId, { name }) : h('span.avatar'), badge),
      h('span.chat-main',
        h('span.chat-top', h('span.chat-name', name),
          h('time.chat-time', summary.lastMessage ? listTime(summary.lastMessage.createdAt) : '')),
        h('span.chat-preview', summary.mentioned ? h('span.mention', '[@] ') : null,
          previewText(store, summary)))));
    })));
}
