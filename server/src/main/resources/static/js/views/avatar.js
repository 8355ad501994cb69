// An avatar: the user's image when they set one, else their initial on a colour derived from their id.
import { h } from '../dom.js';

const COLOURS = ['#e8773d', '#4c8bf5', '#07c160', '#9c5fd6', '#d6455f', '#1aa3a3', '#c79a16', '#5f6ad6'];

export function avatar(store, userId, { size = 'md', name } = {}) {
  const profile = store.profile(userId);
  const label = name ?? store.displayName(userId);
  const initial = [...(label || '?').trim()][0]?.toUpperCase() ?? '?';
  const el = h(`span.avatar.avatar-${size}`, { 'aria-hidden': 'true' }, initial);
  el.style.setProperty('--avatar-bg', COLOURS[Number(BigInt(userId ?? 0) % 8n)]);
  if (profile?.avatarId) {
    store.mediaUrl(profile.avatarId, 'thumbnail').then(url => {
      if (!url) return;
      const img = h('img', { src: url, alt: '' });
      img.addEventListener('load', () => el.replaceChildren(img));
    }, () => {});
  }
  return el;
}

/** A group's avatar: its image when set, else the first letter of its name. */
export function groupAvatar(store, summary, { size = 'md' } = {}) {
  const initial = [...(summary.title || '#').trim()][0]?.toUpperCase() ?? '#';
  const el = h(`span.avatar.avatar-${size}.group-avatar`, { 'aria-hidden': 'true' }, initial);
  el.style.setProperty('--avatar-bg', COLOURS[Number(BigInt(summary.id ?? 0) % 8n)]);
  if (summary.avatarId) {
    store.mediaUrl(summary.avatarId, 'thumbnail').then(url => {
      if (!url) return;
      const img = h('img', { src: url, alt: '' });
      img.addEventListener('load', () => el.replaceChildren(img));
    }, () => {});
  }
  return el;
}
