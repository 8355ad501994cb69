// The client's state and its sync with the server, following docs/protocol.md §7 and the Java SDK's Messenger:
// the message log is the truth, pushes are hints. Per conversation the store keeps `known`, the highest seq
// applied without a gap; pushed messages beyond known+1 make it fetch the gap first; every (re)connect lists
// conversations and fetches what is missing. Sends carry a clientMsgId and are retried with it until acked, one chat's
// sends one at a time in the order they were made.

import { Emitter } from './dom.js';
import { Socket } from './socket.js';

const PAGE = 50;
const SYNC_PAGE = 200;
const SEND_TIMEOUT_MS = 10_000;
const MEDIA_URL_LIFETIME_MS = 50 * 60_000;

/** What the conversation list shows for a message (the server's preview rule, §1 and §4.8). */
export function previewOf(message) {
  if (message.kind === 'system') return systemEvent(message).event ?? '';
  const text = [...(message.body ?? '')].slice(0, 100).join('');
  return message.kind === 'image' ? `[image]${text ? ' ' + text : ''}` : text;
}

/** The parsed body of a system message (§1): {event, …data}; {} when it cannot be read. */
export function systemEvent(message) {
  try {
    const data = JSON.parse(message.body);
    return data && typeof data === 'object' ? data : {};
  } catch {
    return {};
  }
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

/**
 * A send's clientMsgId: twelve hex digits of the time in milliseconds, a dash, twenty random hex digits. Later ids sort
 * after earlier ones, so the server's index of them grows at its end (docs/protocol.md); the random part keeps ids of
 * one millisecond and of other devices apart. The same form as the Java client's ClientMsgIds.
 */
export function newClientMsgId(now = Date.now()) {
  const random = crypto.getRandomValues(new Uint8Array(10));
  return now.toString(16).padStart(12, '0') + '-' + Array.from(random, b => b.toString(16).padStart(2, '0')).join('');
}

export class Store extends Emitter {
  conversations = new Map();
  chats = new Map();
  profiles = new Map();
  contacts = [];
  incoming = [];
  outgoing = [];
  pending = new Map(); // clientMsgId -> {frame, message, timer, failed, refusals, busy}, in the order of sending
  openConversationId = null;
  groups = new Map(); // group id -> group object (§13.1), loaded when shown
  presence = new Map(); // userId -> {online, lastSeenAt}
  typing = new Map(); // conversationId -> Map(userId -> until ms)
  #typingSent = new Map();
  #profileQueue = new Set();
  #mediaUrls = new Map();
  #mediaQueue = new Map(); // image id -> {resolve, reject}, asked for in this task
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
    this.socket.on('ready', ready => {
      if (ready?.recallWindowSeconds) this.recallWindowMs = ready.recallWindowSeconds * 1000;
      this.sync();
    });
    this.socket.on('frame', frame => this.#onFrame(frame));
    this.socket.on('ended', () => this.emit('loggedOut'));
    if ('BroadcastChannel' in window) {
      // Tabs of one browser share a device session, and the server does not push a device's own messages to
      // that device's other connections (§5.5): the tab that got the ack tells the others.
      this.#channel = new BroadcastChannel(`parley-${this.me}`);
      // Since then the server pushes to every connection but the sender's; the relay stays for older servers, and
      // messages are kept by seq, so a message that comes both ways shows once.
      this.#channel.onmessage = e => e.data?.type === 'message' && this.#apply(e.data.message, { push: false });
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
      for (const id of [...this.conversations.keys()]) if (!seen.has(id)) this.conversations.delete(id);
      const peers = list.filter(s => s.peerId).map(s => s.peerId);
      this.loadPresence(peers);
      this.emit('conversations');
      for (const [id, chat] of this.chats) {
        const summary = this.conversations.get(id);
        if (chat.known != null && summary && summary.lastSeq > chat.known) await this.#fill(id);
      }
      for (const id of new Set([...this.pending.values()].map(p => p.frame.conversationId))) this.#sendNext(id);
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
    const chat = this.chats.get(summary.id);
    if (chat && summary.clearedSeq) {
      for (const seq of [...chat.messages.keys()]) if (seq <= summary.clearedSeq) chat.messages.delete(seq);
      if (chat.known != null && chat.known < summary.clearedSeq) chat.known = summary.clearedSeq;
      const seqs = [...chat.messages.keys()];
      chat.oldest = seqs.length ? Math.min(...seqs) : null;
      if (chat.oldest == null || chat.oldest <= summary.clearedSeq + 1) chat.hasOlder = false;
    }
  }

  /** Unread from the cursors; a mention (the list's mark) stays only while something is unread. */
  #recount(summary) {
    summary.unread = Math.max(0, summary.lastSeq - Math.max(summary.readSeq, summary.clearedSeq ?? 0));
    if (summary.unread === 0) summary.mentioned = false;
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
    const held = chat.messages.get(m.seq);
    // a tombstone or a stub replaces the message, never the other way round (a late push of the original)
    if (held && (held.kind === 'recalled' || held.kind === 'deleted') && m.kind !== 'deleted') {
      if (m.kind !== 'recalled') return;
    }
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
      case 'typing': this.#onTyping(frame); break;
      default: break; // unknown frames are ignored (§1)
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
    if (m.senderId !== this.me && m.seq > Math.max(summary.readSeq, summary.clearedSeq ?? 0)
      && (m.mentionAll || m.mentions?.includes(this.me))) summary.mentioned = true;
    const chat = this.chats.get(m.conversationId);
    if (chat && chat.known != null) {
      if (m.seq > chat.known + 1) await this.#fill(m.conversationId);
      this.#put(chat, m);
    } else if (m.senderId !== this.me) {
      this.#markDelivered(m);
    }
    if (m.kind === 'system') this.#onSystem(m);
    this.#clearTyping(m.conversationId, m.senderId);
    if (push && m.senderId !== this.me && m.kind !== 'system' && !summary.muted) this.emit('incoming', m);
    this.emit('messages', m.conversationId);
    this.emit('conversations');
  }

  /** A system message: a recall replaces the held copy; a group change refreshes the summary and the group. */
  #onSystem(m) {
    const data = systemEvent(m);
    const chat = this.chats.get(m.conversationId);
    if (data.event === 'recalled' && chat && data.seq != null) {
      const held = chat.messages.get(data.seq);
      if (held && held.kind !== 'recalled' && held.kind !== 'deleted') {
        chat.messages.set(data.seq, { id: held.id, conversationId: held.conversationId, seq: held.seq,
          senderId: held.senderId, clientMsgId: held.clientMsgId, kind: 'recalled', body: '', replyTo: held.replyTo,
          createdAt: held.createdAt });
      }
      return;
    }
    if (data.event && data.event !== 'recalled') {
      this.api.conversation(m.conversationId).then(summary => {
        this.#putSummary(summary);
        this.emit('conversations');
      }, () => {});
      if (this.groups.has(m.conversationId)) this.loadGroup(m.conversationId).catch(() => {});
    }
  }

  #onTyping({ conversationId, userId }) {
    if (userId === this.me) return;
    if (!this.typing.has(conversationId)) this.typing.set(conversationId, new Map());
    this.typing.get(conversationId).set(userId, Date.now() + 4000);
    this.emit('typing', conversationId);
    setTimeout(() => this.emit('typing', conversationId), 4100);
  }

  #clearTyping(conversationId, userId) {
    if (this.typing.get(conversationId)?.delete(userId)) this.emit('typing', conversationId);
  }

  /** Who is typing in a conversation now. */
  typingIn(conversationId) {
    const now = Date.now();
    return [...(this.typing.get(conversationId) ?? new Map())].filter(([, until]) => until > now).map(([id]) => id);
  }

  /** Tells the others that the user types, at most once every 2 s (§16.1). */
  sendTyping(conversationId) {
    const last = this.#typingSent.get(conversationId) ?? 0;
    if (Date.now() - last < 2000 || !this.socket.ready) return;
    this.#typingSent.set(conversationId, Date.now());
    this.socket.tell({ type: 'typing', conversationId });
  }

  #onReceipt({ conversationId, userId, cursor, seq }) {
    const summary = this.conversations.get(conversationId);
    if (!summary) return;
    if (userId === this.me) {
      if (cursor === 'read') summary.readSeq = Math.max(summary.readSeq, seq);
    } else if (userId !== summary.peerId) {
      return; // only the other member of a direct chat sends ticks (§5.5)
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
    } else if (name === 'conversation.updated' && data.id) {
      const old = this.conversations.get(data.id);
      if (old && data.clearedSeq < (old.clearedSeq ?? 0)) data.clearedSeq = old.clearedSeq;
      this.#putSummary(data);
      this.emit('messages', data.id);
      this.emit('conversations');
    } else if (name === 'conversation.deleted' && data.conversationId) {
      this.conversations.delete(data.conversationId);
      this.chats.delete(data.conversationId);
      this.emit('conversations');
      this.emit('messages', data.conversationId);
    } else if (name === 'message.deleted' && data.conversationId) {
      const chat = this.chats.get(data.conversationId);
      const held = chat?.messages.get(data.seq);
      if (held) {
        chat.messages.set(data.seq, { id: held.id, conversationId: held.conversationId, seq: held.seq,
          senderId: held.senderId, clientMsgId: held.clientMsgId, kind: 'deleted', body: '', createdAt: held.createdAt });
        this.emit('messages', data.conversationId);
      }
    } else if (name === 'presence' && data.userId) {
      this.presence.set(data.userId, data);
      this.emit('presence', data.userId);
    }
    this.emit('event', { name, data });
  }

  /**
   * Tells the server, batched per conversation, that this device received messages from others: in a direct chat
   * only, as nobody hears of a group member's delivered cursor (§5.5).
   */
  #markDelivered(m) {
    const summary = this.conversations.get(m.conversationId);
    if (summary && (summary.kind === 'group' || summary.readSeq >= m.seq)) return;
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
    for (const s of this.conversations.values()) if (!s.muted) total += s.unread;
    return total;
  }

  // --- sending ----------------------------------------------------------------------------------------

  /**
   * Sends a text or an image message; it shows at once as pending, goes out after the chat's earlier sends and is
   * retried until acknowledged.
   */
  send(conversationId, { body = '', kind = 'text', mediaId, media, replyTo, forwardOf, mentions, mentionAll }) {
    const clientMsgId = newClientMsgId();
    this.#typingSent.delete(conversationId); // the next keystroke says "typing" again
    const frame = { type: 'send', clientMsgId, conversationId, kind, body };
    if (mediaId) frame.mediaId = mediaId;
    if (replyTo) frame.replyToId = replyTo.id;
    if (forwardOf) frame.forwardOf = forwardOf;
    if (mentions?.length) frame.mentions = mentions;
    if (mentionAll) frame.mentionAll = true;
    const message = { pending: true, clientMsgId, conversationId, senderId: this.me, kind, body, media,
      replyTo: replyTo ? { id: replyTo.id, seq: replyTo.seq } : undefined, forwarded: forwardOf ? true : undefined,
      createdAt: Date.now() };
    const p = { frame, message, timer: null, failed: null, refusals: 0, busy: false };
    this.pending.set(clientMsgId, p);
    this.emit('messages', conversationId);
    this.#sendNext(conversationId);
    return clientMsgId;
  }

  retry(clientMsgId) {
    const p = this.pending.get(clientMsgId);
    if (!p) return;
    p.failed = null;
    p.message.failed = null;
    p.refusals = 0;
    // it goes out after the chat's sends that are waiting, as a new send would, and shows where it will be stored
    this.pending.delete(clientMsgId);
    this.pending.set(clientMsgId, p);
    this.#sendNext(p.frame.conversationId);
    this.emit('messages', p.message.conversationId);
  }

  discard(clientMsgId) {
    const p = this.pending.get(clientMsgId);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(clientMsgId);
    this.#sendNext(p.frame.conversationId);
    this.emit('messages', p.message.conversationId);
  }

  /**
   * Puts the chat's first send that has not failed on the wire, unless it is there or waiting to be retried: one send
   * per chat at a time, the next once it is acknowledged or has failed, so a send refused for the moment (rate_limited)
   * is not overtaken by a later one and the chat stores them in the order they were made. A failed send waits for a
   * tap and holds nothing up.
   */
  #sendNext(conversationId) {
    for (const p of this.pending.values()) {
      if (p.frame.conversationId !== conversationId || p.failed) continue;
      if (!p.busy) this.#trySend(p);
      return;
    }
  }

  #trySend(p) {
    clearTimeout(p.timer);
    p.busy = this.socket.ready;
    if (!p.busy) return; // sent again after the reconnect's sync
    p.timer = setTimeout(() => this.pending.has(p.frame.clientMsgId) && this.#trySend(p), SEND_TIMEOUT_MS);
    this.socket.request(p.frame).then(ack => {
      clearTimeout(p.timer);
      if (!this.pending.delete(p.frame.clientMsgId)) return;
      this.#channel?.postMessage({ type: 'message', message: ack.message });
      this.#apply(ack.message, { push: false });
      this.#sendNext(p.frame.conversationId);
    }, error => {
      clearTimeout(p.timer);
      if (!this.pending.has(p.frame.clientMsgId)) return;
      if (error.code === 'closed') {
        p.busy = false; // sent again after the reconnect's sync
        return;
      }
      const again = { rate_limited: 1000, overloaded: 200, not_stored: 200, internal_error: 1000 }[error.code];
      if (again && ++p.refusals <= 30) {
        p.timer = setTimeout(() => this.#trySend(p), again);
      } else {
        p.failed = error.code;
        p.message.failed = error.code;
        p.busy = false;
        this.#sendNext(p.frame.conversationId);
        this.emit('messages', p.frame.conversationId);
      }
    });
  }

  // --- people, media ----------------------------------------------------------------------------------

  /** The cached public profile, loading it in the background when missing (many at once, §10). */
  profile(userId) {
    if (userId != null && !this.profiles.has(userId) && !this.#profileLoads.has(userId)) {
      this.#profileLoads.add(userId);
      if (this.#profileQueue.size === 0) queueMicrotask(() => this.#loadProfiles());
      this.#profileQueue.add(userId);
    }
    return this.profiles.get(userId);
  }

  async #loadProfiles() {
    const ids = [...this.#profileQueue];
    this.#profileQueue.clear();
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      try {
        for (const p of await this.api.profiles(part)) this.profiles.set(p.userId, p);
        this.emit('profiles');
      } catch (e) {
        console.warn('profiles', e);
      } finally {
        for (const id of part) this.#profileLoads.delete(id);
      }
    }
  }

  // --- groups, actions, presence ----------------------------------------------------------------------

  async loadGroup(id) {
    try {
      const group = await this.api.group(id);
      this.groups.set(id, group);
      for (const m of group.members) this.profile(m.userId);
      this.emit('group', id);
      return group;
    } catch (e) {
      if (e.status === 404) { this.groups.delete(id); this.emit('group', id); }
      throw e;
    }
  }

  /** Applies an answered summary (pin, mute, clear) at once, before its `conversation.updated` event. */
  putSummary(summary) {
    this.#putSummary(summary);
    this.emit('messages', summary.id);
    this.emit('conversations');
  }

  forget(conversationId) {
    this.conversations.delete(conversationId);
    this.chats.delete(conversationId);
    this.emit('conversations');
  }

  /** Replaces a held message by a stub or tombstone that the server answered. */
  replaceMessage(conversationId, seq, kind) {
    const chat = this.chats.get(conversationId);
    const held = chat?.messages.get(seq);
    if (!held) return;
    chat.messages.set(seq, { id: held.id, conversationId, seq, senderId: held.senderId, clientMsgId: held.clientMsgId,
      kind, body: '', replyTo: kind === 'recalled' ? held.replyTo : undefined, createdAt: held.createdAt });
    this.emit('messages', conversationId);
  }

  /** A held message of a conversation by seq (for quotes). */
  messageAt(conversationId, seq) {
    return this.chats.get(conversationId)?.messages.get(seq);
  }

  async loadPresence(userIds) {
    const ids = [...new Set(userIds)].filter(id => id !== this.me);
    if (!ids.length) return;
    try {
      for (const p of await this.api.presence(ids)) this.presence.set(p.userId, p);
      this.emit('presence');
    } catch (e) { console.warn('presence', e); }
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

  /**
   * A signed URL of an image variant (§11.3), cached for less than the link lifetime. The images asked for in one task
   * (a list of avatars, a page of chat images) are described with one request.
   */
  async mediaUrl(id, variant = 'thumbnail') {
    id = String(id);
    const hit = this.#mediaUrls.get(id);
    if (hit && Date.now() - hit.at < MEDIA_URL_LIFETIME_MS) return (await hit.urls)[variant];
    const urls = new Promise((resolve, reject) => {
      if (this.#mediaQueue.size === 0) queueMicrotask(() => this.#loadMedia());
      this.#mediaQueue.set(id, { resolve, reject });
    });
    this.#mediaUrls.set(id, { at: Date.now(), urls });
    urls.catch(() => this.#mediaUrls.delete(id));
    return (await urls)[variant];
  }

  async #loadMedia() {
    const asked = [...this.#mediaQueue];
    this.#mediaQueue.clear();
    for (let i = 0; i < asked.length; i += 100) {
      const part = asked.slice(i, i + 100);
      try {
        const found = new Map((await this.api.mediaMany(part.map(([id]) => id))).map(d => [d.id, d.urls]));
        for (const [id, { resolve, reject }] of part) {
          if (found.has(id)) resolve(found.get(id));
          else reject(Object.assign(new Error('No such image'), { code: 'unknown_media' }));
        }
      } catch (e) {
        for (const [, { reject }] of part) reject(e);
      }
    }
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
