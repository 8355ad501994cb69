// One WebSocket to /ws that stays up: authenticates with the first `auth` frame (never a token in a URL),
// matches answers to requests by `id`, pings every 25 s, and reconnects with exponential back-off
// (100 ms doubling to 5 s, plus up to 50 % jitter) after any close but 4002/4003 (docs/protocol.md §5, §6).

import { Emitter } from './dom.js';

const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const ANSWERS = new Set(['ready', 'pong', 'ack', 'done', 'error']);

export class Socket extends Emitter {
  #token;
  #ws = null;
  #nextId = 1;
  #waiting = new Map();
  #backoff = 100;
  #pingTimer = null;
  #reconnectTimer = null;
  #stopped = false;
  state = 'connecting'; // connecting | ready | reconnecting | ended

  constructor(token) {
    super();
    this.#token = token;
  }

  start() {
    this.#connect();
    window.addEventListener('online', () => this.#retryNow());
    return this;
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#pingTimer);
    this.#ws?.close(1000);
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  #connect() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => {
      this.request({ type: 'auth', token: this.#token }).then(ready => {
        this.#backoff = 100;
        this.#setState('ready');
        this.emit('ready', ready);
      }, () => { /* invalid_token: the close 4002 follows */ });
      this.#pingTimer = setInterval(() => this.#ping(), PING_EVERY_MS);
    };
    ws.onmessage = e => {
      let frame;
      try { frame = JSON.parse(e.data); } catch { return; }
      if (ANSWERS.has(frame.type) && frame.id != null && this.#waiting.has(frame.id)) {
        const { resolve, reject } = this.#waiting.get(frame.id);
        this.#waiting.delete(frame.id);
        if (frame.type === 'error') reject(Object.assign(new Error(frame.message), { code: frame.code }));
        else resolve(frame);
      } else {
        this.emit('frame', frame);
      }
    };
    ws.onclose = e => {
      clearInterval(this.#pingTimer);
      if (this.#ws !== ws) return;
      this.#ws = null;
      for (const { reject } of this.#waiting.values()) reject(Object.assign(new Error('closed'), { code: 'closed' }));
      this.#waiting.clear();
      if (e.code === 4002 || e.code === 4003) {
        this.#setState('ended');
        this.emit('ended', e.code);
      } else if (!this.#stopped) {
        this.#scheduleReconnect();
      }
    };
  }

  #scheduleReconnect() {
    this.#setState('reconnecting');
    const delay = this.#backoff * (1 + Math.random() * 0.5);
    this.#backoff = Math.min(this.#backoff * 2, 5000);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  #retryNow() {
    if (this.state === 'reconnecting' && !this.#ws) {
      clearTimeout(this.#reconnectTimer);
      this.#connect();
    }
  }

  #ping() {
    const ws = this.#ws;
    const timer = setTimeout(() => ws?.close(4999), PONG_WITHIN_MS);
    this.request({ type: 'ping' }).then(() => clearTimeout(timer), () => clearTimeout(timer));
  }

  get ready() {
    return this.state === 'ready';
  }

  /** Sends a frame with a fresh id; resolves with the answer, rejects with an error carrying `code`. */
  request(frame) {
    return new Promise((resolve, reject) => {
      if (!this.#ws || this.#ws.readyState !== WebSocket.OPEN) {
        reject(Object.assign(new Error('not connected'), { code: 'closed' }));
        return;
      }
      const id = `r${this.#nextId++}`;
      this.#waiting.set(id, { resolve, reject });
      this.#ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Sends a frame that expects no answer; dropped when not connected (sync repairs what matters). */
  tell(frame) {
    if (this.state === 'ready' && this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(frame));
  }
}
