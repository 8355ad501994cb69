// Parley's service worker: keeps the static shell for offline start. It never caches API answers,
// media or the WebSocket: those always go to the network.
const CACHE = 'parley-shell-v1';
const SHELL = [
  '/', '/index.html', '/parley.css', '/manifest.json', '/icons/icon.svg', '/icons/icon-192.png',
  '/js/main.js', '/js/dom.js', '/js/i18n.js', '/js/api.js', '/js/socket.js', '/js/store.js', '/js/format.js',
  '/js/views/login.js', '/js/views/shell.js', '/js/views/chats.js', '/js/views/conversation.js',
  '/js/views/contacts.js', '/js/views/me.js', '/js/views/emoji.js', '/js/views/avatar.js',
];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function isShell(request) {
  const url = new URL(request.url);
  return request.method === 'GET' && url.origin === self.location.origin
    && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/media/')
    && !url.pathname.startsWith('/ws') && !url.pathname.startsWith('/actuator');
}

// Network first, so a new release shows at once; the cached shell only when the network fails.
self.addEventListener('fetch', event => {
  if (!isShell(event.request)) return;
  event.respondWith(fetch(event.request)
    .then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request).then(hit => hit || caches.match('/index.html'))));
});
