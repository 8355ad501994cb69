// An invite link (<server>/join/<token>, docs/protocol.md §13.8) opened in the app: the group's preview and a
// Join button.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { groupAvatar } from './avatar.js';

export function renderJoin(store, container, token, { onJoined }) {
  const status = h('p.form-message', { role: 'status' });
  mount(container, h('div.join-view', h('p', t('join.loading')), status));
  store.api.invite(token).then(invite => {
    const join = h('button.primary.join-button', { type: 'button', onclick: async () => {
      join.disabled = true;
      try {
        const group = await store.api.joinInvite(token);
        store.putSummary(await store.api.conversation(group.id));
        onJoined(group.id);
      } catch (e) {
        join.disabled = false;
        status.textContent = errorText(e);
      }
    } }, t('join.join'));
    mount(container, h('div.join-view',
      groupAvatar(store, { id: invite.groupId, title: invite.name, avatarId: invite.avatarId }, { size: 'lg' }),
      h('h2.join-name', invite.name),
      h('p.muted-text', t(invite.memberCount === 1 ? 'conv.member' : 'conv.members', { n: invite.memberCount })),
      h('p', t('join.invited')),
      join, status));
  }, e => mount(container, h('div.join-view', h('p.form-message', { role: 'alert' }, errorText(e)))));
}
