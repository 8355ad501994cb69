// The chat list: a search box over message history and a "new group" button on top, pending friend requests,
// then conversations in the server's order (pinned first, then by last activity) with avatar, name, last message,
// time and unread badge; muted rows show a dot and a muted icon, unread mentions a mark.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { listTime } from '../format.js';
import { avatar, groupAvatar } from './avatar.js';
import { requestRow } from './contacts.js';
import { snippet } from './conversation.js';

function titleOf(store, summary) {
  return summary.title ?? (summary.peerId ? store.displayName(summary.peerId) : `#${summary.id}`);
}

function previewText(store, summary) {
  const last = summary.lastMessage;
  if (!last) return '';
  if (last.kind === 'image') return last.preview.replace(/^\[image\]/, t('chats.image'));
  if (last.kind === 'system') {
    // the summary has the event's name only (§4.8): a short line without the people it names
    const actor = last.senderId === store.me ? t('sys.you') : store.displayName(last.senderId);
    const key = `syslist.${last.preview}`;
    return t(key, { actor }) === key ? t('sys.unknown') : t(key, { actor });
  }
  if (last.kind === 'recalled') return t('conv.recalledShort');
  return last.preview;
}

function sortKey(summary) {
  return summary.lastMessage?.createdAt ?? summary.createdAt;
}

// The parts of the side pane that outlive redraws (the search box keeps its focus and text), per container.
const panes = new WeakMap();

export function renderChatList(store, container, { selectedId, onOpen }) {
  let pane = panes.get(container);
  if (!pane || !container.contains(pane.toolbar)) {
    pane = buildPane(store, container, onOpen);
    panes.set(container, pane);
  }
  pane.onOpen = onOpen;
  pane.selectedId = selectedId;
  if (pane.query) return; // search results stay until the box is emptied
  drawList(store, pane);
}

function buildPane(store, container, onOpen) {
  const pane = { query: '', onOpen, selectedId: null, list: h('div.chat-list-slot') };
  const search = h('input#chat-search', { type: 'search', placeholder: t('search.placeholder'),
    'aria-label': t('search.label'), autocomplete: 'off' });
  let timer = null;
  const run = async () => {
    const q = search.value.trim();
    pane.query = q;
    if (!q) {
      drawList(store, pane);
      return;
    }
    try {
      const page = await store.api.searchMessages(q);
      if (pane.query !== q) return;
      drawResults(store, pane, page.messages);
    } catch (e) {
      mount(pane.list, h('p.empty', errorText(e)));
    }
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  search.addEventListener('keydown', e => {
    if (e.key === 'Enter') { clearTimeout(timer); run(); }
    if (e.key === 'Escape') { search.value = ''; run(); }
  });
  pane.toolbar = h('div.chat-toolbar', search,
    h('button.icon-button.new-group', { type: 'button', 'aria-label': t('group.new'), title: t('group.new'),
      onclick: () => newGroupDialog(store, container, id => pane.onOpen(id)) }, '+'));
  mount(container, pane.toolbar, pane.list);
  return pane;
}

function drawList(store, pane) {
  const rows = [...store.conversations.values()]
    .sort((a, b) => (Number(!!b.pinned) - Number(!!a.pinned)) || sortKey(b) - sortKey(a));
  const requests = store.incoming.map(r => requestRow(store, r));
  const selectedId = pane.selectedId;
  mount(pane.list,
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
          summary.muted ? 'muted' : '', summary.kind === 'group' ? 'group' : ''].join(' '),
        'aria-current': summary.id === selectedId ? 'true' : null,
        dataset: { conversationId: summary.id },
        onclick: () => pane.onOpen(summary.id),
      },
      h('span.avatar-wrap', summary.kind === 'group' ? groupAvatar(store, summary)
        : summary.peerId ? avatar(store, summary.peerId, { name }) : h('span.avatar'), badge),
      h('span.chat-main',
        h('span.chat-top', h('span.chat-name', name),
          summary.pinned ? h('span.pin-icon', { role: 'img', 'aria-label': t('chats.pinned') }, '📌') : null,
          h('time.chat-time', summary.lastMessage ? listTime(summary.lastMessage.createdAt) : '')),
        h('span.chat-bottom',
          h('span.chat-preview', summary.mentioned ? h('span.mention', t('chats.mentioned')) : null,
            previewText(store, summary)),
          summary.muted ? h('span.muted-icon', { role: 'img', 'aria-label': t('chats.muted') }, '🔕') : null))));
    })));
}

function drawResults(store, pane, messages) {
  mount(pane.list, messages.length === 0 ? h('p.empty', t('search.none')) : h('ul.search-results', {
    'aria-label': t('search.results') }, messages.map(m => {
    const summary = store.conversations.get(m.conversationId);
    const name = summary ? titleOf(store, summary) : `#${m.conversationId}`;
    return h('li', h('button.search-result', { type: 'button', dataset: { conversationId: m.conversationId },
      onclick: () => pane.onOpen(m.conversationId) },
    h('span.chat-top', h('span.chat-name', name), h('time.chat-time', listTime(m.createdAt))),
    h('span.chat-preview', `${store.displayName(m.senderId)}: ${snippet(m)}`)));
  })));
}

/** Name a group and pick its first members from the contacts book. */
function newGroupDialog(store, container, onCreated) {
  const name = h('input#new-group-name', { maxlength: '64', required: true });
  const error = h('p.form-message', { role: 'alert' });
  const boxes = store.contacts.map(c => h('input', { type: 'checkbox', value: String(c.userId) }));
  const dialog = h('dialog.new-group-dialog', { 'aria-label': t('group.new') });
  const close = () => { dialog.close(); dialog.remove(); };
  mount(dialog, h('form.dialog-form', { onsubmit: async e => {
    e.preventDefault();
    const memberIds = boxes.filter(b => b.checked).map(b => Number(b.value));
    try {
      const group = await store.api.createGroup(name.value, memberIds);
      store.putSummary(await store.api.conversation(group.id));
      close();
      onCreated(group.id);
    } catch (err) {
      error.textContent = errorText(err);
    }
  } },
  h('h2', t('group.new')),
  h('label', { for: 'new-group-name' }, t('group.name')), name,
  h('h3', t('group.pickMembers')),
  store.contacts.length ? h('ul.pick-list', store.contacts.map((c, i) => h('li', h('label.check-row', boxes[i],
    avatar(store, c.userId, { size: 'sm', name: c.displayName }), c.displayName))))
    : h('p.muted-text', t('contacts.empty')),
  error,
  h('div.dialog-actions',
    h('button', { type: 'button', onclick: close }, t('login.cancel')),
    h('button.primary', { type: 'submit' }, t('group.create')))));
  document.body.append(dialog);
  dialog.addEventListener('cancel', () => dialog.remove());
  dialog.showModal();
  name.focus();
}
