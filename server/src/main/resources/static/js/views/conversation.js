// One open conversation: history that scrolls back without end, date separators, delivered and read ticks,
// a composer (Enter sends, Shift+Enter breaks the line), emoji, and images with an upload progress bar.
// Message nodes are kept per (sender, clientMsgId), so a pending message turns into the stored one in place.
// Later message actions (reply, forward, recall, delete for me) hang off `messageNode`'s menu slot.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { clock, dayKey, dayLabel } from '../format.js';
import { avatar } from './avatar.js';
import { emojiPicker } from './emoji.js';

const THUMB_MAX = 240;
const MAX_LENGTH = 4000;

export class ConversationView {
  #nodes = new Map();
  #off = [];
  #stickToBottom = true;

  constructor(store, id, { onBack }) {
    this.store = store;
    this.id = id;
    this.title = h('h2.conv-title');
    this.subtitle = h('p.conv-subtitle');
    this.headAvatar = h('span.conv-avatar');
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
        this.headAvatar, h('div.conv-heading', this.title, this.subtitle)),
      this.scroller,
      this.uploads,
      h('form.composer', { onsubmit: e => { e.preventDefault(); this.#sendText(); } },
        this.emojiSlot,
        this.emojiButton,
        h('button.icon-button', { type: 'button', 'aria-label': t('conv.image'),
          onclick: () => this.fileInput.click() }, h('span.icon.icon-image', { 'aria-hidden': 'true' })),
        this.fileInput,
        this.input,
        h('button.primary.send', { type: 'submit' }, t('conv.send'))),
      this.error,
      this.lightbox);
  }

  start() {
    const { store, id } = this;
    this.#off.push(
      store.on('messages', cid => cid === id && this.#render()),
      store.on('older', cid => cid === id && this.#render({ keepOffset: true })),
      store.on('receipts', cid => cid === id && this.#renderTicks()),
      store.on('conversations', () => { this.#renderHeader(); this.#markRead(); }),
      store.on('profiles', () => this.#renderHeader()),
      store.on('contacts', () => this.#renderHeader()));
    this.scroller.addEventListener('scroll', () => this.#onScroll());
    this.input.addEventListener('keydown', e => this.#onKey(e));
    this.input.addEventListener('input', () => this.#autosize());
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
  }

  #renderHeader() {
    const summary = this.store.conversations.get(this.id);
    if (!summary?.peerId) return;
    const profile = this.store.profile(summary.peerId);
    const name = this.store.displayName(summary.peerId);
    this.title.textContent = name;
    this.subtitle.textContent = profile?.status ?? '';
    if (this.headAvatar.dataset.for !== `${summary.peerId}:${profile?.avatarId ?? ''}:${name}`) {
      this.headAvatar.dataset.for = `${summary.peerId}:${profile?.avatarId ?? ''}:${name}`;
      mount(this.headAvatar, avatar(this.store, summary.peerId, { name }));
    }
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
    if (!entry || entry.kind !== m.kind) {
      entry = { kind: m.kind, el: this.#messageNode(m) };
      this.#nodes.set(key, entry);
    }
    entry.message = m;
    entry.el.dataset.seq = m.seq ?? '';
    entry.el.classList.toggle('pending', !!m.pending);
    return entry.el;
  }

  #messageNode(m) {
    const mine = m.senderId === this.store.me;
    const content = m.kind === 'image' ? this.#imageContent(m) : h('p.text', m.body);
    const meta = h('span.meta', h('time', { datetime: new Date(m.createdAt).toISOString() }, clock(m.createdAt)),
      mine ? h('span.tick', { role: 'img' }) : null);
    const bubble = h('div.bubble', { class: m.kind === 'image' ? 'image' : '' }, content, meta);
    return h('li.message', { class: mine ? 'mine' : 'theirs' },
      mine ? null : avatar(this.store, m.senderId, { size: 'sm' }),
      bubble,
      h('span.message-actions')); // reply, forward, recall and delete-for-me slot in here
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
    this.store.send(this.id, { body });
    this.input.value = '';
    this.#autosize();
    this.input.focus();
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
