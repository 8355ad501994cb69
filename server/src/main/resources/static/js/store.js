// The client's state and its sync with the server, following docs/protocol.md §7 and the Java SDK's Messenger:
// the message log is the truth, pushes are hints. Per conversation the store keeps `known`, the highest seq
// applied without a gap; pushed messages beyond known+1 make it fetch the gap first; every (re)connect lists
// conversations and fetches what is missing. Sends carry a clientMsgId and are retried with it until acked.

import { Emitter } from './dom.js';
import { Socket } from './socket.js';

const PAGE = 50;
const SYNC_PAGE = 200;
const SEND_TIMEOUT_MS = 10_000;
const MEDIA_URL_LIFETIME_MS = 50 * 60_000;

/** What the conversation list shows for a message (the server's preview rule, §1 and §4.8). */
export function previewOf(message) {
  const text = [...(message.body ?? '')].slice(0, 100).join('');
  return message.kind === 'image' ? `[image]${text ? ' ' + text : ''}` : text;
}

class Chat {
  messages = new Map(); // seq -> message
  known = null; // null until the conversation's messages were first loaded
  oldest = null;
  hasOlder = false;
  filling = Promise.resolve();

  sorted() {
    return [...this.messages.values()].sort((a, b) => a.seq - b.seq);
  }
}

export class Store extends Emitter {
  conversations = new Map();
  chats = new Map();
  profiles = new Map();
  contacts = [];
  incoming = [];
  outgoing = [];
  pending = new Map(); // clientMsgId -> {frame, message, timer, failed}
  openConversationId = null;
  #mediaUrls = new Map();
  #profileLoads = new Set();
  #delivered = new Map();
  #channel = null;

  constructor(api, session) {
    super();
    this.api = api;
    this.session = session;
    this.me = session.userId;
  }

  start() {
    this.socket = new Socket(this.session.token);
    this.socket.on('state', state => this.emit('connection', state));
    this.socket.on('ready', () => this.sync());
    this.socket.on('frame', frame => this.#onFrame(frame));
    this.socket.on('ended', () => this.emit('loggedOut'));
    if ('BroadcastChannel' in window) {
      // Tabs of one browser share a device session, and the server does not push a device's own messages to
      // that device's other connections (§5.5): the tab that got the ack tells the others.
      this.#channel = new BroadcastChannel(`parley-${this.me}`);
      this.#channel.onmessage = e => e.data?.type === 'message' && this.#apply(e.data.message, { push: true });
    }
    this.socket.start();
    this.loadContacts();
    this.loadRequests();
    this.profile(this.me);
    return this;
  }

  stop() {
    this.socket?.stop();
    this.#channel?.close();
    for (const p of this.pending.values()) clearTimeout(p.timer);
  }

  get connection() {
    return this.socket?.state ?? 'connecting';
  }

  // --- sync -------------------------------------------------------------------------------------------

  /** After every (re)connect: list conversations, fetch every gap, resend unacknowledged sends. */
  async sync() {
    try {
      const list = await this.api.conversations();
      const seen = new Set();
      for (const summary of list) {
        seen.add(summary.id);
        this.#putSummary(summary);
      }
      this.emit('conversations');
      for (const [id, chat] of this.chats) {
        const summary = this.conversations.get(id);
        if (chat.known != null && summary && summary.lastSeq > chat.known) await this.#fill(id);
      }
      for (const p of this.pending.values()) if (!p.failed) this.#trySend(p);
      this.loadRequests();
      this.loadContacts();
      this.emit('synced');
    } catch (e) {
      console.warn('sync failed', e);
    }
  }

  #putSummary(summary) {
    const old = this.conversations.get(summary.id);
    if (old) {
      // cursors only move forward, whichever of the list and the pushes was first
      summary.readSeq = Math.max(summary.readSeq, old.readSeq);
      if (old.peerReadSeq != null) summary.peerReadSeq = Math.max(summary.peerReadSeq ?? 0, old.peerReadSeq);
      if (old.peerDeliveredSeq != null) {
        summary.peerDeliveredSeq = Math.max(summary.peerDeliveredSeq ?? 0, old.peerDeliveredSeq);
      }
      if (old.lastSeq > summary.lastSeq) {
        summary.lastSeq = old.lastSeq;
        summary.lastMessage = old.lastMessage;
      }
    }
    this.#recount(summary);
    this.conversations.set(summary.id, summary);
    if (summary.peerId) this.profile(summary.peerId);
  }

  #recount(summary) {
    summary.unread = Math.max(0, summary.lastSeq - Math.max(summary.readSeq, summary.clearedSeq ?? 0));
  }

  /** Fetches everything after `known` (one fill at a time per conversation). */
  #fill(id) {
    const chat = this.#chat(id);
    chat.filling = chat.filling.then(async () => {
      let more = true;
      while (more) {
        const page = await this.api.messages(id, { after: chat.known ?? 0, limit: SYNC_PAGE });
        for (const m of page.messages) this.#put(chat, m);
        more = page.hasMore && page.messages.length > 0;
      }
      this.emit('messages', id);
    }).catch(e => console.warn('fill failed', e));
    return chat.filling;
  }

  #chat(id) {
    if (!this.chats.has(id)) this.chats.set(id, new Chat());
    return this.chats.get(id);
  }

  #put(chat, m) {
    chat.messages.set(m.seq, m);
    if (chat.known != null && m.seq === chat.known + 1) {
      chat.known = m.seq;
      while (chat.messages.has(chat.known + 1)) chat.known++;
    }
    if (chat.oldest == null || m.seq < chat.oldest) chat.oldest = m.seq;
    if (m.senderId !== this.me) this.#markDelivered(m);
  }

  /** Opens a conversation's history: the newest page, then anything newer that arrived meanwhile. */
  async open(id) {
    this.openConversationId = id;
    const chat = this.#chat(id);
    if (chat.known == null) {
      const page = await this.api.messages(id, { limit: PAGE });
      if (chat.known == null) {
        const last = page.messages.at(-1);
        chat.known = last ? last.seq : (this.conversations.get(id)?.clearedSeq ?? 0);
        for (const m of page.messages) this.#put(chat, m);
        chat.hasOlder = page.hasMore;
      }
      const summary = this.conversations.get(id);
      if (summary && summary.lastSeq > chat.known) await this.#fill(id);
    }
    this.emit('messages', id);
  }

  /** One page further back; false when there is nothing older. */
  async loadOlder(id) {
    const chat = this.#chat(id);
    if (!chat.hasOlder || chat.loadingOlder) return false;
    chat.loadingOlder = true;
    try {
      const page = await this.api.messages(id, { before: chat.oldest, limit: PAGE });
      for (const m of page.messages) this.#put(chat, m);
      chat.hasOlder = page.hasMore;
      this.emit('older', id);
      return page.messages.length > 0;
    } finally {
      chat.loadingOlder = false;
    }
  }

  messagesOf(id) {
    const chat = this.chats.get(id);
    const stored = chat ? chat.sorted() : [];
    const pending = [...this.pending.values()].filter(p => p.message.conversationId === id).map(p => p.message);
    return { stored, pending, hasOlder: chat?.hasOlder ?? false, loaded: chat?.known != null };
  }

  // --- frames -----------------------------------------------------------------------------------------

  #onFrame(frame) {
    switch (frame.type) {
      case 'message': this.#apply(frame.message, { push: true }); break;
      case 'receipt': this.#onReceipt(frame); break;
      case 'event': this.#onEvent(frame.event, frame.data ?? {}); break;
      default: break; // unknown frames are ignored (§1); typing, recall and groups slot in here
    }
  }

  /** A message from a push, an ack or another tab. */
  async #apply(m, { push }) {
    let summary = this.conversations.get(m.conversationId);
    if (!summary) {
      try {
        summary = await this.api.conversation(m.conversationId);
        this.#putSummary(summary);
      } catch (e) {
        console.warn('unknown conversation', e);
        return;
      }
    }
    if (m.seq > summary.lastSeq) {
      summary.lastSeq = m.seq;
      summary.lastMessage = { id: m.id, seq: m.seq, senderId: m.senderId, kind: m.kind, preview: previewOf(m),
        createdAt: m.createdAt };
    }
    if (m.senderId === this.me) {
      summary.readSeq = Math.max(summary.readSeq, m.seq); // one's own send moves one's read cursor (§7.3)
    } else if (summary.peerId === m.senderId) {
      summary.peerReadSeq = Math.max(summary.peerReadSeq ?? 0, m.seq);
      summary.peerDeliveredSeq = Math.max(summary.peerDeliveredSeq ?? 0, m.seq);
    }
    this.#recount(summary);
    const chat = this.chats.get(m.conversationId);
    if (chat && chat.known != null) {
      if (m.seq > chat.known + 1) await this.#fill(m.conversationId);
      this.#put(chat, m);
    } else if (m.senderId !== this.me) {
      this.#markDelivered(m);
    }
    if (push && m.senderId !== this.me) this.emit('incoming', m);
    this.emit('messages', m.conversationId);
    this.emit('conversations');
  }

  #onReceipt({ conversationId, userId, cursor, seq }) {
    const summary = this.conversations.get(conversationId);
    if (!summary) return;
    if (userId === this.me) {
      if (cursor === 'read') summary.readSeq = Math.max(summary.readSeq, seq);
    } else if (cursor === 'read') {
      summary.peerReadSeq = Math.max(summary.peerReadSeq ?? 0, seq);
      summary.peerDeliveredSeq = Math.max(summary.peerDeliveredSeq ?? 0, seq);
    } else {
      summary.peerDeliveredSeq = Math.max(summary.peerDeliveredSeq ?? 0, seq);
    }
    this.#recount(summary);
    this.emit('receipts', conversationId);
    this.emit('conversations');
  }

  #onEvent(name, data) {
    if (name.startsWith('friend_request.')) {
      this.loadRequests();
      if (name === 'friend_request.accepted') this.loadContacts();
    } else if (name === 'friend.removed' || name === 'contact.updated' || name.startsWith('block.')) {
      this.loadContacts();
    } else if (name === 'profile.updated' && data.userId) {
      this.profiles.set(data.userId, data);
      this.emit('profiles');
    }
    this.emit('event', { name, data });
  }

  /** Tells the server, batched per conversation, that this device received messages from others. */
  #markDelivered(m) {
    const summary = this.conversations.get(m.conversationId);
    if (summary && summary.readSeq >= m.seq) return;
    const waiting = this.#delivered.get(m.conversationId);
    if (waiting && waiting >= m.seq) return;
    const first = waiting == null;
    this.#delivered.set(m.conversationId, m.seq);
    if (first) {
      queueMicrotask(() => {
        const seq = this.#delivered.get(m.conversationId);
        this.#delivered.delete(m.conversationId);
        this.socket.tell({ type: 'delivered', conversationId: m.conversationId, seq });
      });
    }
  }

  /** Moves the read cursor to the newest message of the conversation. */
  markRead(id) {
    const summary = this.conversations.get(id);
    if (!summary || summary.readSeq >= summary.lastSeq) return;
    const seq = summary.lastSeq;
    summary.readSeq = seq;
    this.#recount(summary);
    this.emit('conversations');
    const viaRest = () => this.api.post(`/api/conversations/${id}/read`, { seq }).catch(() => {});
    if (this.socket.ready) this.socket.request({ type: 'read', conversationId: id, seq }).catch(viaRest);
    else viaRest();
  }

  get totalUnread() {
    let total = 0;
    for (const s of this.conversations.values()) total += s.unread;
    return total;
  }

  // --- sending ----------------------------------------------------------------------------------------

  /** Sends a text or an image message; it shows at once as pending and is retried until acknowledged. */
  send(conversationId, { body = '', kind = 'text', mediaId, media }) {
    const clientMsgId = crypto.randomUUID();
    const frame = { type: 'send', clientMsgId, conversationId, kind, body };
    if (mediaId) frame.mediaId = mediaId;
    const message = { pending: true, clientMsgId, conversationId, senderId: this.me, kind, body, media,
      createdAt: Date.now() };
    const p = { frame, message, timer: null, failed: null, refusals: 0 };
    this.pending.set(clientMsgId, p);
    this.emit('messages', conversationId);
    this.#trySend(p);
    return clientMsgId;
  }

  retry(clientMsgId) {
    const p = this.pending.get(clientMsgId);
    if (!p) return;
    p.failed = null;
    p.message.failed = null;
    this.#trySend(p);
    this.emit('messages', p.message.conversationId);
  }

  discard(clientMsgId) {
    const p = this.pending.get(clientMsgId);
    if (!p) return;
    this.pending.delete(clientMsgId);
    this.emit('messages', p.message.conversationId);
  }

  #trySend(p) {
    clearTimeout(p.timer);
    if (!this.socket.ready) return; // sent again after the reconnect's sync
    p.timer = setTimeout(() => this.pending.has(p.frame.clientMsgId) && this.#trySend(p), SEND_TIMEOUT_MS);
    this.socket.request(p.frame).then(ack => {
      clearTimeout(p.timer);
      if (!this.pending.delete(p.frame.clientMsgId)) return;
      this.#channel?.postMessage({ type: 'message', message: ack.message });
      this.#apply(ack.message, { push: false });
    }, error => {
      clearTimeout(p.timer);
      if (!this.pending.has(p.frame.clientMsgId) || error.code === 'closed') return;
      const again = { rate_limited: 1000, overloaded: 200, not_stored: 200, internal_error: 1000 }[error.code];
      if (again && ++p.refusals <= 30) {
        p.timer = setTimeout(() => this.#trySend(p), again);
      } else {
        p.failed = error.code;
        p.message.failed = error.code;
        this.emit('messages', p.frame.conversationId);
      }
    });
  }

  // --- people, media ----------------------------------------------------------------------------------

  /** The cached public profile, loading it in the background when missing. */
  profile(userId) {
    if (!this.profiles.has(userId) && !this.#profileLoads.has(userId)) {
      this.#profileLoads.add(userId);
      this.api.profile(userId).then(p => {
        this.profiles.set(userId, p);
        this.emit('profiles');
      }, () => {}).finally(() => this.#profileLoads.delete(userId));
    }
    return this.profiles.get(userId);
  }

  contact(userId) {
    return this.contacts.find(c => c.userId === userId);
  }

  displayName(userId) {
    const contact = this.contact(userId);
    if (contact) return contact.displayName;
    const p = this.profile(userId);
    return p ? (p.nickname || p.username) : '…';
  }

  /** A signed URL of an image variant (§11.3), cached for less than the link lifetime. */
  async mediaUrl(id, variant = 'thumbnail') {
    const hit = this.#mediaUrls.get(id);
    if (hit && Date.now() - hit.at < MEDIA_URL_LIFETIME_MS) return (await hit.urls)[variant];
    const urls = this.api.media(id).then(d => d.urls);
    this.#mediaUrls.set(id, { at: Date.now(), urls });
    urls.catch(() => this.#mediaUrls.delete(id));
    return (await urls)[variant];
  }

  async loadContacts() {
    try {
      this.contacts = await this.api.contacts();
      this.emit('contacts');
      this.emit('conversations');
    } catch (e) { console.warn(e); }
  }

  async loadRequests() {
    try {
      [this.incoming, this.outgoing] = await Promise.all([this.api.incomingRequests(), this.api.outgoingRequests()]);
      this.emit('requests');
    } catch (e) { console.warn(e); }
  }

  /** The direct conversation with a user, opened on the server if needed. */
  async directWith(userId) {
    for (const s of this.conversations.values()) if (s.peerId === userId) return s.id;
    const summary = await this.api.openDirect(userId);
    this.#putSummary(summary);
    this.emit('conversations');
    return summary.id;
  }
}
