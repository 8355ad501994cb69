// The REST API (docs/protocol.md §4, §10–12). Refusals become ApiError with the stable `code`.

const TOKEN_KEY = 'parley.session';

export class ApiError extends Error {
  constructor(status, code, detail, retryAfter) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** The stored session: {token, userId, deviceId, username}, or null. */
export function loadSession() {
  try {
    return JSON.parse(localStorage.getItem(TOKEN_KEY));
  } catch {
    return null;
  }
}

export function saveSession(session) {
  if (session) localStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  else localStorage.removeItem(TOKEN_KEY);
}

async function refusal(response) {
  let body = {};
  try { body = await response.json(); } catch { /* not JSON */ }
  return new ApiError(response.status, body.code, body.detail, Number(response.headers.get('Retry-After')) || 0);
}

export class Api {
  constructor(session) {
    this.session = session;
  }

  async request(method, path, body, { auth = true, raw = false } = {}) {
    const headers = {};
    if (auth) headers.Authorization = `Bearer ${this.session.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError(0, 'network', e.message);
    }
    if (!response.ok) throw await refusal(response);
    if (raw) return response;
    if (response.status === 204) return null;
    return response.json();
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body ?? {}); }
  patch(path, body) { return this.request('PATCH', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }

  // accounts (§4.1–4.6)
  static register(username, password) {
    return new Api(null).request('POST', '/api/accounts', { username, password }, { auth: false });
  }
  static login(username, password, deviceName) {
    return new Api(null).request('POST', '/api/sessions', { username, password, deviceName }, { auth: false });
  }
  static exists(username) {
    return new Api(null).request('GET', `/api/accounts/${encodeURIComponent(username.trim())}/exists`, undefined,
      { auth: false });
  }
  logout() { return this.delete('/api/sessions/current'); }
  devices() { return this.get('/api/devices'); }
  revokeDevice(id) { return this.delete(`/api/devices/${id}`); }

  // conversations and history (§4.8–4.13)
  conversations() { return this.get('/api/conversations'); }
  conversation(id) { return this.get(`/api/conversations/${id}`); }
  openDirect(userId) { return this.post('/api/conversations/direct', { userId }); }
  messages(id, { after, before, limit } = {}) {
    const q = new URLSearchParams();
    if (after != null) q.set('after', after);
    if (before != null) q.set('before', before);
    if (limit != null) q.set('limit', limit);
    return this.get(`/api/conversations/${id}/messages?${q}`);
  }

  // profiles, search, QR (§10)
  myProfile() { return this.get('/api/profile'); }
  updateProfile(changes) { return this.patch('/api/profile', changes); }
  profile(userId) { return this.get(`/api/users/${userId}/profile`); }
  search(q, page = 0) { return this.get(`/api/users/search?q=${encodeURIComponent(q)}&page=${page}`); }
  addCode() { return this.get('/api/profile/add-code'); }
  byAddCode(code) { return this.get(`/api/add-codes/${encodeURIComponent(code)}`); }
  async qrImage() {
    const response = await this.request('GET', '/api/profile/qr.svg', undefined, { raw: true });
    return response.blob();
  }
  decodeQr(file) { return this.upload('/api/qr/decode', file, {}); }

  // media (§11)
  media(id) { return this.get(`/api/media/${encodeURIComponent(id)}`); }
  mediaMany(ids) { return this.get(`/api/media?ids=${ids.map(encodeURIComponent).join(',')}`); }
  uploadMedia(file, purpose, onProgress) { return this.upload('/api/media', file, { purpose }, onProgress); }

  /** A multipart upload through XMLHttpRequest, which reports upload progress (fetch does not). */
  upload(path, file, fields, onProgress) {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', file, file.name || 'image');
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('Authorization', `Bearer ${this.session.token}`);
      xhr.responseType = 'json';
      if (onProgress) xhr.upload.onprogress = e => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response);
        else reject(new ApiError(xhr.status, xhr.response?.code, xhr.response?.detail));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed'));
      xhr.send(form);
    });
  }

  // friends and contacts (§12)
  incomingRequests() { return this.get('/api/friend-requests/incoming'); }
  outgoingRequests() { return this.get('/api/friend-requests/outgoing'); }
  sendFriendRequest(toUserId, greeting) { return this.post('/api/friend-requests', { toUserId, greeting }); }
  acceptRequest(id) { return this.post(`/api/friend-requests/${id}/accept`); }
  declineRequest(id) { return this.post(`/api/friend-requests/${id}/decline`); }
  cancelRequest(id) { return this.delete(`/api/friend-requests/${id}`); }
  contacts() { return this.get('/api/contacts'); }

  // many public profiles at once (§10)
  profiles(ids) { return this.get(`/api/users/profiles?ids=${ids.join(',')}`); }

  // groups (§13)
  createGroup(name, memberIds) { return this.post('/api/groups', { name, memberIds }); }
  group(id) { return this.get(`/api/groups/${id}`); }
  updateGroup(id, changes) { return this.patch(`/api/groups/${id}`, changes); }
  dissolveGroup(id) { return this.delete(`/api/groups/${id}`); }
  addMembers(id, userIds) { return this.post(`/api/groups/${id}/members`, { userIds }); }
  removeMember(id, userId) { return this.delete(`/api/groups/${id}/members/${userId}`); }
  leaveGroup(id) { return this.post(`/api/groups/${id}/leave`); }
  makeAdmin(id, userId) { return this.put(`/api/groups/${id}/admins/${userId}`); }
  unmakeAdmin(id, userId) { return this.delete(`/api/groups/${id}/admins/${userId}`); }
  transferGroup(id, userId) { return this.post(`/api/groups/${id}/owner`, { userId }); }
  createInvite(id) { return this.post(`/api/groups/${id}/invites`); }
  invites(id) { return this.get(`/api/groups/${id}/invites`); }
  revokeInvite(id, token) { return this.delete(`/api/groups/${id}/invites/${encodeURIComponent(token)}`); }
  async inviteQr(id, token) {
    const response = await this.request('GET', `/api/groups/${id}/invites/${encodeURIComponent(token)}/qr.svg`,
      undefined, { raw: true });
    return response.blob();
  }
  invite(token) { return this.get(`/api/invites/${encodeURIComponent(token)}`); }
  joinInvite(token) { return this.post(`/api/invites/${encodeURIComponent(token)}/join`); }

  // conversation management and message actions (§14)
  pin(id, on) { return on ? this.put(`/api/conversations/${id}/pin`) : this.delete(`/api/conversations/${id}/pin`); }
  mute(id, on) { return on ? this.put(`/api/conversations/${id}/mute`) : this.delete(`/api/conversations/${id}/mute`); }
  clearConversation(id) { return this.post(`/api/conversations/${id}/clear`); }
  deleteConversation(id) { return this.delete(`/api/conversations/${id}`); }
  reads(id, seq) { return this.get(`/api/conversations/${id}/messages/${seq}/reads`); }
  recall(messageId) { return this.post(`/api/messages/${messageId}/recall`); }
  deleteMessage(messageId) { return this.delete(`/api/messages/${messageId}`); }

  // search (§15), presence (§16)
  searchMessages(q, before) {
    return this.get(`/api/messages/search?q=${encodeURIComponent(q)}${before != null ? `&before=${before}` : ''}`);
  }
  presence(userIds) { return this.get(`/api/presence?userIds=${userIds.join(',')}`); }
  presenceSettings() { return this.get('/api/presence/settings'); }
  setPresenceSettings(settings) { return this.put('/api/presence/settings', settings); }
}
