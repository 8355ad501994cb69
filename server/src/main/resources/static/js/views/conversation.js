// One open conversation: history that scrolls back without end, date separators, delivered and read ticks,
// a composer (Enter sends, Shift+Enter breaks the line), emoji, and images with an upload progress bar.
// Message nodes are kept per (sender, clientMsgId), so a pending message turns into the stored one in place.
// Each message has its actions in `.message-actions` (reply, forward, recall, delete for me, read by); system
// messages and tombstones are centred grey lines. The header shows presence or the group's size, and "typing…";
// it opens the conversation's info panel (info.js). In groups, "@" opens a picker of members to mention.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { clock, dayKey, dayLabel, listTime } from '../format.js';
import { systemEvent } from '../store.js';
import { avatar, groupAvatar } from './avatar.js';
import { emojiPicker } from './emoji.js';
import { InfoPanel } from './info.js';

const THUMB_MAX = 240;
const MAX_LENGTH = 4000;
/** Until the server's `ready` frame says otherwise. */
const RECALL_WINDOW_MS = 2 * 60_000;

/** A system message (§1) as one line of text, in the interface language. */
export function systemText(store, m) {
  const data = systemEvent(m);
  const who = id => (id === store.me ? t('sys.you') : store.displayName(id));
  const whom = id => (id === store.me ? t('sys.youObject') : store.displayName(id));
  const names = ids => (ids ?? []).map(whom).join(t('sys.comma'));
  const actor = who(m.senderId);
  switch (data.event) {
    case 'created': return t('sys.created', { actor, name: data.name ?? '' });
    case 'members_added': return t('sys.added', { actor, names: names(data.userIds) });
    case 'member_joined': return t('sys.joined', { actor: who(data.userId ?? m.senderId) });
    case 'member_removed': return t('sys.removed', { actor, name: whom(data.userId) });
    case 'member_left': return t('sys.left', { actor: who(data.userId ?? m.senderId) });
    case 'updated': {
      const parts = [];
      if (data.name != null) parts.push(t('sys.renamed', { actor, name: data.name }));
      if (data.announcement != null) {
        parts.push(data.announcement ? t('sys.announcement', { actor }) : t('sys.announcementCleared', { actor }));
      }
      if (data.avatarId != null) parts.push(t('sys.avatar', { actor }));
      return parts.join(' · ') || t('sys.updated', { actor });
    }
    case 'admin_added': return t('sys.adminAdded', { actor, name: whom(data.userId) });
    case 'admin_removed': return t('sys.adminRemoved', { actor, name: whom(data.userId) });
    case 'owner_changed': return t('sys.ownerChanged', { actor, name: whom(data.userId) });
    case 'dissolved': return t('sys.dissolved', { actor });
    case 'recalled': return t('sys.recalled', { actor });
    default: return t('sys.unknown');
  }
}

/** What a quote or a search result shows for a message. */
export function snippet(m) {
  if (!m) return '…';
  if (m.kind === 'image') return m.body ? `${t('chats.image')} ${m.body}` : t('chats.image');
  if (m.kind === 'recalled') return t('conv.recalledShort');
  if (m.kind === 'deleted') return t('conv.deletedShort');
  return [...(m.body ?? '')].slice(0, 80).join('');
}

export class ConversationView {
  #nodes = new Map();
  #off = [];
  #stickToBottom = true;
  #replyTo = null;
  #mentions = new Map(); // userId -> name inserted as @name
  #mentionAll = false;

  constructor(store, id, { onBack }) {
    this.store = store;
    this.id = id;
    this.onBack = onBack;
    this.title = h('span.conv-title', { role: 'heading', 'aria-level': '2' });
    this.subtitle = h('span.conv-subtitle', { 'aria-live': 'polite' });
    this.headAvatar = h('span.conv-avatar');
    this.replyBar = h('div.reply-bar', { hidden: true });
    this.mentionPicker = h('ul.mention-picker', { hidden: true, role: 'listbox', 'aria-label': t('conv.mention') });
    this.notice = h('p.conv-notice', { hidden: true });
    this.panel = new InfoPanel(store, id, { onClose: () => this.#closeInfo(), onGone: onBack });
    this.infoButton = h('button.icon-button.info-button', { type: 'button', 'aria-label': t('info.open'),
      'aria-expanded': 'false', onclick: () => this.#toggleInfo() }, '⋯');
    this.list = h('ol.messages', { role: 'log', 'aria-live': 'polite', 'aria-label': t('conv.messages'),
      tabindex: '0' });
    this.scroller = h('div.message-scroller', this.list);
    this.uploads = h('div.uploads', { 'aria-live': 'polite' });
    this.error = h('p.composer-error', { role: 'alert' });
    this.input = h('textarea.composer-input', { rows: 1, 'aria-label': t('conv.input'),
      placeholder: t('conv.input'), maxlength: String(MAX_LENGTH * 2) });
    this.fileInput = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/gif,image/webp', multiple: true,
      hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
    this.emojiButton = h('button.icon-button', { type: 'button', 'aria-label': t('conv.emoji'),
      'aria-expanded': 'false', onclick: () => this.#toggleEmoji() }, h('span.icon.icon-emoji', { 'aria-hidden': 'true' }));
    this.emojiSlot = h('div.emoji-slot');
    this.lightbox = h('dialog.lightbox', { 'aria-label': t('conv.openImage') });
    this.el = h('div.conversation', { dataset: { conversationId: id } },
      h('header.conv-header',
        h('button.icon-button.back', { type: 'button', 'aria-label': t('conv.back'), onclick: onBack }, '‹'),
        this.headAvatar,
        h('button.conv-heading', { type: 'button', onclick: () => this.#toggleInfo() }, this.title, this.subtitle),
        this.infoButton),
      this.scroller,
      this.uploads,
      this.notice,
      this.replyBar,
      this.mentionPicker,
      this.composer = h('form.composer', { onsubmit: e => { e.preventDefault(); this.#sendText(); } },
        this.emojiSlot,
        this.emojiButton,
        h('button.icon-button', { type: 'button', 'aria-label': t('conv.image'),
          onclick: () => this.fileInput.click() }, h('span.icon.icon-image', { 'aria-hidden': 'true' })),
        this.fileInput,
        this.input,
        h('button.primary.send', { type: 'submit' }, t('conv.send'))),
      this.error,
      this.lightbox,
      this.forwardDialog = h('dialog.forward-dialog', { 'aria-label': t('conv.forwardTo') }),
      this.panel.el);
  }

  start() {
    const { store, id } = this;
    this.#off.push(
      store.on('messages', cid => cid === id && this.#render()),
      store.on('older', cid => cid === id && this.#render({ keepOffset: true })),
      store.on('receipts', cid => cid === id && this.#renderTicks()),
      store.on('conversations', () => { this.#renderHeader(); this.#markRead(); }),
      store.on('profiles', () => { this.#renderHeader(); this.#renameLater(); }),
      store.on('contacts', () => { this.#renderHeader(); this.#renameLater(); }),
      store.on('presence', () => this.#renderHeader()),
      store.on('typing', cid => cid === id && this.#renderHeader()),
      store.on('group', gid => gid === id && this.#renderHeader()));
    const summary = store.conversations.get(id);
    if (summary?.kind === 'group' && summary.active !== false) store.loadGroup(id).catch(() => {});
    if (summary?.peerId) store.loadPresence([summary.peerId]);
    this.scroller.addEventListener('scroll', () => this.#onScroll());
    this.input.addEventListener('keydown', e => this.#onKey(e));
    this.input.addEventListener('input', () => {
      this.#autosize();
      if (this.input.value.trim()) this.store.sendTyping(this.id);
      this.#updateMentionPicker();
    });
    this.fileInput.addEventListener('change', () => this.#sendImages([...this.fileInput.files]));
    this.lightbox.addEventListener('click', () => this.lightbox.close());
    const visible = () => document.visibilityState === 'visible' && this.#markRead();
    document.addEventListener('visibilitychange', visible);
    this.#off.push(() => document.removeEventListener('visibilitychange', visible));
    this.#renderHeader();
    this.#render();
    store.open(id).then(() => this.#fillViewport(), e => { this.error.textContent = errorText(e); });
    if (matchMedia('(min-width: 721px)').matches) this.input.focus();
  }

  destroy() {
    this.#off.forEach(f => f());
    this.panel.destroy();
  }

  /** Names arrived: redraw the lines that show them (system lines, tombstones, senders in a group). */
  #renameLater() {
    if (this.renaming) return;
    this.renaming = true;
    requestAnimationFrame(() => {
      this.renaming = false;
      const group = this.store.conversations.get(this.id)?.kind === 'group';
      for (const [key, entry] of this.#nodes) {
        if (group || entry.kind === 'system' || entry.kind === 'recalled') this.#nodes.delete(key);
      }
      this.#render({ keepOffset: true });
    });
  }

  #toggleInfo() {
    if (this.panel.open) this.#closeInfo();
    else {
      this.panel.show();
      this.infoButton.setAttribute('aria-expanded', 'true');
    }
  }

  #closeInfo() {
    this.panel.hide();
    this.infoButton.setAttribute('aria-expanded', 'false');
    this.infoButton.focus();
  }

  #renderHeader() {
    const { store } = this;
    const summary = store.conversations.get(this.id);
    if (!summary) return;
    const typing = store.typingIn(this.id);
    let subtitle;
    if (summary.kind === 'group') {
      const group = store.groups.get(this.id);
      this.title.textContent = summary.title ?? '';
      subtitle = group ? t(group.members.length === 1 ? 'conv.member' : 'conv.members', { n: group.members.length }) : '';
      if (typing.length) {
        subtitle = typing.length === 1 ? t('conv.typingName', { name: store.displayName(typing[0]) }) : t('conv.typing');
      }
      const key = `g:${summary.avatarId ?? ''}:${summary.title}`;
      if (this.headAvatar.dataset.for !== key) {
        this.headAvatar.dataset.for = key;
        mount(this.headAvatar, groupAvatar(store, summary));
      }
    } else if (summary.peerId) {
      const profile = store.profile(summary.peerId);
      const name = store.displayName(summary.peerId);
      this.title.textContent = name;
      const presence = store.presence.get(summary.peerId);
      subtitle = presence?.online ? t('presence.online')
        : presence?.lastSeenAt ? t('presence.lastSeen', { time: listTime(presence.lastSeenAt) })
          : (profile?.status ?? '');
      if (typing.length) subtitle = t('conv.typing');
      if (this.headAvatar.dataset.for !== `${summary.peerId}:${profile?.avatarId ?? ''}:${name}`) {
        this.headAvatar.dataset.for = `${summary.peerId}:${profile?.avatarId ?? ''}:${name}`;
        mount(this.headAvatar, avatar(store, summary.peerId, { name }));
      }
    }
    this.subtitle.textContent = subtitle ?? '';
    this.subtitle.classList.toggle('typing', typing.length > 0);
    const inactive = summary.active === false;
    this.notice.hidden = !inactive;
    this.notice.textContent = inactive ? t('conv.notMember') : '';
    this.composer.hidden = inactive;
  }

  // --- messages ---------------------------------------------------------------------------------------

  #render({ keepOffset = false } = {}) {
    const { stored, pending, hasOlder, loaded } = this.store.messagesOf(this.id);
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    const atBottom = fromBottom - this.scroller.clientHeight < 60;
    const children = [];
    if (loaded) {
      children.push(hasOlder ? h('li.history-edge', t('conv.loadingOlder')) : h('li.history-edge', t('conv.start')));
    }
    let lastDay = null;
    for (const m of [...stored, ...pending]) {
      if (m.kind === 'deleted') continue; // deleted for me: nothing
      if (m.kind === 'system' && systemEvent(m).event === 'recalled') continue; // the tombstone says it
      const day = dayKey(m.createdAt);
      if (day !== lastDay) {
        children.push(h('li.day-separator', { role: 'separator' }, h('span', dayLabel(m.createdAt))));
        lastDay = day;
      }
      children.push(this.#node(m));
    }
    this.list.replaceChildren(...children);
    this.#renderTicks();
    if (keepOffset) {
      this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
    } else if (atBottom || this.#stickToBottom) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
      this.#stickToBottom = false;
    }
    this.#markRead();
  }

  #key(m) {
    return `${m.senderId}:${m.clientMsgId}`;
  }

  #node(m) {
    const key = this.#key(m);
    let entry = this.#nodes.get(key);
    if (!entry || entry.kind !== m.kind || entry.pending !== !!m.pending) {
      entry = { kind: m.kind, pending: !!m.pending, el: this.#messageNode(m) };
      this.#nodes.set(key, entry);
    }
    entry.message = m;
    entry.el.dataset.seq = m.seq ?? '';
    entry.el.classList.toggle('pending', !!m.pending);
    return entry.el;
  }

  #messageNode(m) {
    const mine = m.senderId === this.store.me;
    if (m.kind === 'system') return h('li.system-line', h('span', systemText(this.store, m)));
    if (m.kind === 'recalled') {
      return h('li.system-line.recalled', h('span', t('sys.recalled', {
        actor: mine ? t('sys.you') : this.store.displayName(m.senderId) })));
    }
    const content = m.kind === 'image' ? this.#imageContent(m) : h('p.text', m.body);
    const meta = h('span.meta', h('time', { datetime: new Date(m.createdAt).toISOString() }, clock(m.createdAt)),
      mine ? h('span.tick', { role: 'img' }) : null);
    const group = this.store.conversations.get(this.id)?.kind === 'group';
    const bubble = h('div.bubble', { class: m.kind === 'image' ? 'image' : '' },
      group && !mine ? h('span.sender', this.store.displayName(m.senderId)) : null,
      m.forwarded ? h('span.forwarded', t('conv.forwarded')) : null,
      m.replyTo ? this.#quote(m.replyTo) : null,
      content, meta);
    return h('li.message', { class: mine ? 'mine' : 'theirs' },
      mine ? null : avatar(this.store, m.senderId, { size: 'sm' }),
      bubble,
      m.pending ? h('span.message-actions') : this.#actions(m, mine, group));
  }

  #quote(replyTo) {
    const text = h('span.quote-text');
    const name = h('span.quote-name');
    const fill = q => {
      name.textContent = q ? (q.senderId === this.store.me ? t('sys.you') : this.store.displayName(q.senderId)) : '';
      text.textContent = snippet(q);
    };
    const held = this.store.messageAt(this.id, replyTo.seq);
    fill(held);
    if (!held) {
      this.store.api.messages(this.id, { after: replyTo.seq - 1, before: replyTo.seq + 1 })
        .then(page => fill(page.messages.find(x => x.seq === replyTo.seq)), () => {});
    }
    return h('button.quote', { type: 'button', 'aria-label': t('conv.showQuoted'),
      onclick: () => this.#scrollTo(replyTo.seq) }, name, text);
  }

  #scrollTo(seq) {
    const el = this.list.querySelector(`li[data-seq="${seq}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1500);
  }

  #actions(m, mine, group) {
    const { store } = this;
    const act = (label, fn, cls = '') => h('button.action', { type: 'button', class: cls, onclick: async () => {
      try { await fn(); } catch (e) { this.error.textContent = errorText(e); }
    } }, label);
    const buttons = [act(t('conv.reply'), () => this.#startReply(m), 'reply')];
    if (m.kind === 'text' || m.kind === 'image') buttons.push(act(t('conv.forward'), () => this.#forward(m), 'forward'));
    if (mine && Date.now() - m.createdAt < (this.store.recallWindowMs ?? RECALL_WINDOW_MS)) {
      buttons.push(act(t('conv.recall'), async () => {
        await store.api.recall(m.id);
        store.replaceMessage(this.id, m.seq, 'recalled');
      }, 'recall'));
    }
    buttons.push(act(t('conv.deleteForMe'), async () => {
      await store.api.deleteMessage(m.id);
      store.replaceMessage(this.id, m.seq, 'deleted');
    }, 'delete'));
    if (group && mine) {
      const reads = act(t('conv.readByAsk'), async () => {
        const answer = await store.api.reads(this.id, m.seq);
        reads.textContent = t('conv.readBy', { n: answer.readBy.length });
        reads.title = answer.readBy.map(id => store.displayName(id)).join(', ');
      }, 'reads');
      buttons.push(reads);
    }
    return h('span.message-actions', { role: 'group', 'aria-label': t('conv.actions') }, buttons);
  }

  #startReply(m) {
    this.#replyTo = m;
    mount(this.replyBar,
      h('span.reply-label', t('conv.replyingTo', { name: m.senderId === this.store.me ? t('sys.you')
        : this.store.displayName(m.senderId) })),
      h('span.quote-text', snippet(m)),
      h('button.icon-button.small', { type: 'button', 'aria-label': t('conv.cancelReply'),
        onclick: () => this.#cancelReply() }, '✕'));
    this.replyBar.hidden = false;
    this.input.focus();
  }

  #cancelReply() {
    this.#replyTo = null;
    this.replyBar.hidden = true;
    this.replyBar.replaceChildren();
  }

  #forward(m) {
    const { store } = this;
    const boxes = [];
    const rows = [...store.conversations.values()].filter(s => s.active !== false).map(s => {
      const box = h('input', { type: 'checkbox', value: String(s.id) });
      boxes.push(box);
      const name = s.kind === 'group' ? s.title : store.displayName(s.peerId);
      return h('li', h('label.check-row', box, name));
    });
    const close = () => this.forwardDialog.close();
    mount(this.forwardDialog,
      h('form.dialog-form', { method: 'dialog', onsubmit: e => {
        e.preventDefault();
        const targets = boxes.filter(b => b.checked).map(b => Number(b.value));
        for (const cid of targets) {
          store.send(cid, { forwardOf: m.id, kind: m.kind, body: m.body, media: m.media });
        }
        close();
      } },
      h('h2', t('conv.forwardTo')),
      h('ul.pick-list', rows),
      h('div.dialog-actions',
        h('button', { type: 'button', onclick: close }, t('login.cancel')),
        h('button.primary', { type: 'submit' }, t('conv.forward')))));
    this.forwardDialog.showModal();
  }

  #imageContent(m) {
    const media = m.media ?? {};
    const scale = Math.min(1, THUMB_MAX / Math.max(media.width || THUMB_MAX, media.height || THUMB_MAX));
    const img = h('img.thumb', { alt: m.body || t('chats.image'),
      width: Math.round((media.width || THUMB_MAX) * scale), height: Math.round((media.height || THUMB_MAX) * scale) });
    if (media.id) this.store.mediaUrl(media.id, 'thumbnail').then(url => { img.src = url; }, () => {});
    const open = h('button.image-button', { type: 'button', 'aria-label': t('conv.openImage'),
      onclick: () => this.#openImage(media.id, m.body) }, img);
    return [open, m.body ? h('p.text.caption', m.body) : null];
  }

  async #openImage(mediaId, caption) {
    if (!mediaId) return;
    const url = await this.store.mediaUrl(mediaId, 'original');
    mount(this.lightbox,
      h('img.full', { src: url, alt: caption || t('chats.image') }),
      h('button.icon-button.close', { type: 'button', 'aria-label': t('conv.close'),
        onclick: () => this.lightbox.close() }, '✕'));
    this.lightbox.showModal();
  }

  #renderTicks() {
    const summary = this.store.conversations.get(this.id);
    for (const { el, message: m } of this.#nodes.values()) {
      const tick = el.querySelector('.tick');
      if (!tick || !m) continue;
      let state;
      if (m.failed) state = 'failed';
      else if (m.pending) state = 'sending';
      else if (summary && m.seq <= (summary.peerReadSeq ?? 0)) state = 'read';
      else if (summary && m.seq <= (summary.peerDeliveredSeq ?? 0)) state = 'delivered';
      else state = 'sent';
      if (tick.dataset.state === state) continue;
      tick.dataset.state = state;
      tick.textContent = { failed: '!', sending: '🕓', read: '✓✓', delivered: '✓✓', sent: '✓' }[state];
      tick.setAttribute('aria-label', state === 'failed' ? t('conv.failed', { code: m.failed }) : t(`conv.${state}`));
      tick.title = tick.getAttribute('aria-label');
      if (state === 'failed') {
        tick.setAttribute('role', 'button');
        tick.tabIndex = 0;
        tick.onclick = () => this.store.retry(m.clientMsgId);
      }
    }
  }

  #markRead() {
    if (document.visibilityState !== 'visible') return;
    const nearBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 60;
    if (nearBottom && this.store.messagesOf(this.id).loaded) this.store.markRead(this.id);
  }

  #onScroll() {
    if (this.scroller.scrollTop < 120) this.store.loadOlder(this.id).catch(() => {});
    this.#markRead();
  }

  /** Loads older pages until the list fills the screen, so that scrolling up can reach the rest. */
  async #fillViewport() {
    for (let i = 0; i < 10 && this.scroller.scrollHeight <= this.scroller.clientHeight + 120; i++) {
      if (!(await this.store.loadOlder(this.id))) break;
    }
  }

  // --- composing --------------------------------------------------------------------------------------

  #onKey(e) {
    if (e.key === 'Escape' && !this.mentionPicker.hidden) {
      this.mentionPicker.hidden = true;
      return;
    }
    if (e.key === 'ArrowDown' && !this.mentionPicker.hidden) {
      e.preventDefault();
      this.mentionPicker.querySelector('button')?.focus();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      this.#sendText();
    }
  }

  #autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 160)}px`;
  }

  #sendText() {
    const body = this.input.value;
    if (!body.trim()) return;
    if ([...body].length > MAX_LENGTH) {
      this.error.textContent = errorText({ code: 'message_too_long' });
      return;
    }
    this.error.textContent = '';
    this.#stickToBottom = true;
    const mentions = [...this.#mentions].filter(([, name]) => body.includes(`@${name}`)).map(([id]) => id);
    const mentionAll = this.#mentionAll && body.includes(`@${t('conv.mentionAll')}`);
    this.store.send(this.id, { body, replyTo: this.#replyTo ?? undefined, mentions, mentionAll });
    this.#mentions.clear();
    this.#mentionAll = false;
    this.mentionPicker.hidden = true;
    this.#cancelReply();
    this.input.value = '';
    this.#autosize();
    this.input.focus();
  }

  /** In a group, "@" followed by letters before the caret offers the members whose names start so. */
  #updateMentionPicker() {
    const summary = this.store.conversations.get(this.id);
    const group = this.store.groups.get(this.id);
    const before = this.input.value.slice(0, this.input.selectionStart);
    const match = /(^|\s)@([^\s@]*)$/.exec(before);
    if (summary?.kind !== 'group' || !group || !match) {
      this.mentionPicker.hidden = true;
      return;
    }
    const query = match[2].toLowerCase();
    const choices = group.members.filter(m => m.userId !== this.store.me)
      .map(m => ({ id: m.userId, name: this.store.displayName(m.userId) }))
      .filter(c => c.name.toLowerCase().startsWith(query));
    if (summary.role === 'owner' || summary.role === 'admin') {
      const all = t('conv.mentionAll');
      if (all.toLowerCase().startsWith(query)) choices.unshift({ id: 'all', name: all });
    }
    if (!choices.length) {
      this.mentionPicker.hidden = true;
      return;
    }
    const start = before.length - match[2].length - 1;
    mount(this.mentionPicker, choices.map(c => h('li', { role: 'option' }, h('button.mention-choice', {
      type: 'button', dataset: { userId: c.id },
      onkeydown: e => {
        if (e.key === 'ArrowDown') { e.preventDefault(); e.target.parentElement.nextElementSibling?.firstChild.focus(); }
        if (e.key === 'ArrowUp') {
          e.preventDefault();
          (e.target.parentElement.previousElementSibling?.firstChild ?? this.input).focus();
        }
        if (e.key === 'Escape') { this.mentionPicker.hidden = true; this.input.focus(); }
      },
      onclick: () => {
        const text = `@${c.name} `;
        const value = this.input.value;
        this.input.value = value.slice(0, start) + text + value.slice(before.length);
        this.input.selectionStart = this.input.selectionEnd = start + text.length;
        if (c.id === 'all') this.#mentionAll = true;
        else this.#mentions.set(c.id, c.name);
        this.mentionPicker.hidden = true;
        this.input.focus();
      },
    }, c.id === 'all' ? c.name : [avatar(this.store, c.id, { size: 'sm', name: c.name }), c.name]))));
    this.mentionPicker.hidden = false;
  }

  #toggleEmoji() {
    if (this.emojiSlot.firstChild) {
      this.#closeEmoji();
      return;
    }
    const panel = emojiPicker(emoji => this.#insert(emoji), () => this.#closeEmoji());
    mount(this.emojiSlot, panel);
    this.emojiButton.setAttribute('aria-expanded', 'true');
    panel.querySelector('button')?.focus();
  }

  #closeEmoji() {
    this.emojiSlot.replaceChildren();
    this.emojiButton.setAttribute('aria-expanded', 'false');
    this.emojiButton.focus();
  }

  #insert(text) {
    const { selectionStart: start, selectionEnd: end, value } = this.input;
    this.input.value = value.slice(0, start) + text + value.slice(end);
    this.input.selectionStart = this.input.selectionEnd = start + text.length;
  }

  async #sendImages(files) {
    this.fileInput.value = '';
    for (const file of files) {
      const bar = h('progress', { max: '1', value: '0', 'aria-label': t('conv.uploading') });
      const item = h('div.upload', h('span.upload-name', file.name), bar);
      this.uploads.append(item);
      try {
        const media = await this.store.api.uploadMedia(file, 'chat', p => { bar.value = p; });
        this.#stickToBottom = true;
        this.store.send(this.id, { kind: 'image', mediaId: media.id, body: '',
          media: { id: media.id, width: media.width, height: media.height } });
        item.remove();
      } catch (e) {
        item.remove();
        this.error.textContent = errorText(e);
      }
    }
  }
}
