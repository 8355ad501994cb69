// A conversation's info panel, opened from its header: pin, mute, clear history and delete for every
// conversation; for a group also its name, announcement, members with their roles and, by the caller's role
// (docs/protocol.md §13.2), rename, announcement, add friends, remove, make or unmake admins, transfer, invite
// links with their QR codes, leave or dissolve.
import { h, mount } from '../dom.js';
import { errorText, t } from '../i18n.js';
import { avatar } from './avatar.js';

export class InfoPanel {
  open = false;
  #off = [];
  #qr = new Map(); // token -> Promise of an object URL
  #invites = null;

  constructor(store, id, { onClose, onGone }) {
    this.store = store;
    this.id = id;
    this.onClose = onClose;
    this.onGone = onGone;
    this.body = h('div.info-body');
    this.message = h('p.form-message', { role: 'status' });
    this.el = h('aside.info-panel', { hidden: true, 'aria-label': t('info.title') },
      h('header.info-header', h('h2', t('info.title')),
        h('button.icon-button.close', { type: 'button', 'aria-label': t('conv.close'), onclick: () => onClose() }, '✕')),
      this.message,
      this.body);
    this.el.addEventListener('keydown', e => e.key === 'Escape' && onClose());
  }

  show() {
    this.open = true;
    this.el.hidden = false;
    this.#off.push(
      this.store.on('group', gid => gid === this.id && this.render()),
      this.store.on('conversations', () => this.render()),
      this.store.on('contacts', () => this.render()),
      this.store.on('profiles', () => this.render()));
    const summary = this.store.conversations.get(this.id);
    if (summary?.kind === 'group' && summary.active !== false) {
      this.store.loadGroup(this.id).catch(() => {});
      if (summary.role === 'owner' || summary.role === 'admin') this.#loadInvites();
    }
    this.render();
    this.el.querySelector('button')?.focus();
  }

  hide() {
    this.open = false;
    this.el.hidden = true;
    this.#off.forEach(f => f());
    this.#off = [];
  }

  destroy() {
    this.hide();
    for (const url of this.#qr.values()) url.then(u => URL.revokeObjectURL(u), () => {});
  }

  async #do(fn) {
    this.message.textContent = '';
    try {
      await fn();
    } catch (e) {
      this.message.textContent = errorText(e);
    }
  }

  async #loadInvites() {
    try {
      this.#invites = await this.store.api.invites(this.id);
      this.render();
    } catch { /* not allowed any more */ }
  }

  render() {
    if (!this.open) return;
    const { store, id } = this;
    const summary = store.conversations.get(id);
    if (!summary) {
      mount(this.body);
      return;
    }
    const sections = [];
    if (summary.kind === 'group') sections.push(...this.#groupSections(summary));
    sections.push(this.#settings(summary));
    // keep what the person is typing across redraws
    const focused = document.activeElement;
    const focusedKey = this.el.contains(focused) ? focused.dataset.key : null;
    const drafts = {};
    for (const field of this.body.querySelectorAll('[data-key]')) {
      if (field.type === 'checkbox' && field.dataset.key.startsWith('add-')) drafts[field.dataset.key] = field.checked;
      else if (field.dataset.dirty) drafts[field.dataset.key] = field.value;
    }
    mount(this.body, sections);
    for (const field of this.body.querySelectorAll('[data-key]')) {
      const draft = drafts[field.dataset.key];
      if (draft == null) continue;
      if (field.type === 'checkbox') field.checked = draft;
      else {
        field.value = draft;
        field.dataset.dirty = '1';
      }
    }
    if (focusedKey) this.body.querySelector(`[data-key="${focusedKey}"]`)?.focus();
  }

  #settings(summary) {
    const { store, id } = this;
    const toggle = (key, label, on, fn) => h('label.switch-row', h('input', { type: 'checkbox', checked: !!on,
      dataset: { key }, onchange: e => this.#do(async () => store.putSummary(await fn(e.target.checked))) }), label);
    return h('section.info-section.settings',
      toggle('pin', t('info.pin'), summary.pinned, on => store.api.pin(id, on)),
      toggle('mute', t('info.mute'), summary.muted, on => store.api.mute(id, on)),
      h('div.info-buttons',
        h('button.small', { type: 'button', onclick: () => {
          if (!confirm(t('info.clearConfirm'))) return;
          this.#do(async () => store.putSummary(await store.api.clearConversation(id)));
        } }, t('info.clear')),
        h('button.small.danger', { type: 'button', onclick: () => {
          if (!confirm(t('info.deleteConfirm'))) return;
          this.#do(async () => {
            await store.api.deleteConversation(id);
            store.forget(id);
            this.onGone();
          });
        } }, t('info.delete'))));
  }

  #groupSections(summary) {
    const { store, id } = this;
    const group = store.groups.get(id);
    const role = summary.active === false ? null : summary.role;
    const manager = role === 'owner' || role === 'admin';
    const sections = [];
    if (!group) {
      sections.push(h('section.info-section', h('p.group-name', summary.title),
        summary.active === false ? h('p.muted-text', t('conv.notMember')) : null));
      return sections;
    }
    const markDirty = e => { e.target.dataset.dirty = '1'; };
    const name = h('input#group-name', { value: group.name, maxlength: '64', dataset: { key: 'name' },
      disabled: !manager, oninput: markDirty });
    const announcement = h('textarea#group-announcement', { maxlength: '2000', rows: 2, dataset: { key: 'announcement' },
      disabled: !manager, oninput: markDirty });
    announcement.value = group.announcement ?? '';
    sections.push(h('section.info-section',
      h('label', { for: 'group-name' }, t('group.name')), name,
      h('label', { for: 'group-announcement' }, t('group.announcement')), announcement,
      manager ? h('button.small.primary', { type: 'button', onclick: () => this.#do(async () => {
        const changes = {};
        if (name.value.trim() !== group.name) changes.name = name.value;
        if (announcement.value.trim() !== (group.announcement ?? '')) changes.announcement = announcement.value;
        delete name.dataset.dirty;
        delete announcement.dataset.dirty;
        if (Object.keys(changes).length) store.groups.set(id, await store.api.updateGroup(id, changes));
        this.message.textContent = t('me.saved');
      }) }, t('me.save')) : null));

    const roleText = r => t(`group.role.${r}`);
    const members = group.members.slice().sort((a, b) => rank(a.role) - rank(b.role));
    sections.push(h('section.info-section',
      h('h3', t(group.members.length === 1 ? 'conv.member' : 'conv.members', { n: group.members.length })),
      h('ul.member-list', members.map(m => {
        const memberName = m.userId === store.me ? `${store.displayName(m.userId)} (${t('sys.you')})`
          : store.displayName(m.userId);
        const actions = [];
        const btn = (label, fn, confirmText) => h('button.small', { type: 'button',
          'aria-label': `${label} ${store.displayName(m.userId)}`, onclick: () => {
            if (confirmText && !confirm(confirmText)) return;
            this.#do(async () => {
              const answer = await fn();
              if (answer?.members) store.groups.set(id, answer);
              await store.loadGroup(id).catch(() => {});
            });
          } }, label);
        if (m.userId !== store.me && m.role !== 'owner') {
          if (role === 'owner' || (role === 'admin' && m.role === 'member')) {
            actions.push(btn(t('group.remove'), () => store.api.removeMember(id, m.userId)));
          }
          if (role === 'owner') {
            actions.push(m.role === 'admin'
              ? btn(t('group.unmakeAdmin'), () => store.api.unmakeAdmin(id, m.userId))
              : btn(t('group.makeAdmin'), () => store.api.makeAdmin(id, m.userId)));
            actions.push(btn(t('group.transfer'), () => store.api.transferGroup(id, m.userId),
              t('group.transferConfirm', { name: store.displayName(m.userId) })));
          }
        }
        return h('li.member-row', { dataset: { userId: m.userId, role: m.role } },
          avatar(store, m.userId, { size: 'sm' }),
          h('span.member-name', memberName),
          h('span.role', { class: `role-${m.role}` }, roleText(m.role)),
          actions.length ? h('span.member-actions', actions) : null);
      }))));

    if (manager) {
      const inGroup = new Set(group.members.map(m => m.userId));
      const candidates = store.contacts.filter(c => !inGroup.has(c.userId));
      const boxes = candidates.map(c => h('input', { type: 'checkbox', value: String(c.userId),
        dataset: { key: `add-${c.userId}` } }));
      sections.push(h('section.info-section',
        h('h3', t('group.addFriends')),
        candidates.length ? [
          h('ul.pick-list', candidates.map((c, i) => h('li', h('label.check-row', boxes[i],
            avatar(store, c.userId, { size: 'sm', name: c.displayName }), c.displayName)))),
          h('button.small.primary', { type: 'button', onclick: () => this.#do(async () => {
            const ids = boxes.filter(b => b.checked).map(b => Number(b.value));
            if (ids.length) store.groups.set(id, await store.api.addMembers(id, ids));
            store.emit('group', id);
          }) }, t('group.add'))] : h('p.muted-text', t('group.noFriendsToAdd'))));
      sections.push(this.#inviteSection());
    }
    if (role) {
      sections.push(h('section.info-section.danger-zone', role === 'owner'
        ? h('button.small.danger', { type: 'button', onclick: () => {
          if (!confirm(t('group.dissolveConfirm'))) return;
          this.#do(() => store.api.dissolveGroup(id));
        } }, t('group.dissolve'))
        : h('button.small.danger', { type: 'button', onclick: () => {
          if (!confirm(t('group.leaveConfirm'))) return;
          this.#do(() => store.api.leaveGroup(id));
        } }, t('group.leave'))));
    }
    return sections;
  }

  #inviteSection() {
    const { store, id } = this;
    const invites = this.#invites ?? [];
    return h('section.info-section.invites',
      h('h3', t('group.invites')),
      h('ul.invite-list', invites.map(invite => {
        const img = h('img.invite-qr', { alt: t('group.inviteQr'), width: 160, height: 160 });
        if (!this.#qr.has(invite.token)) {
          this.#qr.set(invite.token, store.api.inviteQr(id, invite.token).then(blob => URL.createObjectURL(blob)));
        }
        this.#qr.get(invite.token).then(url => { img.src = url; }, () => {});
        return h('li.invite', { dataset: { token: invite.token } },
          img,
          h('div.invite-main',
            h('a.invite-link', { href: invite.link }, invite.link),
            h('span.muted-text', t('group.inviteExpires', { time: new Date(invite.expiresAt).toLocaleString() })),
            h('div.info-buttons',
              h('button.small', { type: 'button', onclick: () => navigator.clipboard?.writeText(invite.link)
                .then(() => { this.message.textContent = t('group.copied'); }, () => {}) }, t('group.copy')),
              h('button.small.danger', { type: 'button', onclick: () => this.#do(async () => {
                await store.api.revokeInvite(id, invite.token);
                await this.#loadInvites();
              }) }, t('group.revoke')))));
      })),
      h('button.small.primary.create-invite', { type: 'button', onclick: () => this.#do(async () => {
        await store.api.createInvite(id);
        await this.#loadInvites();
      }) }, t('group.createInvite')));
  }
}

function rank(role) {
  return { owner: 0, admin: 1, member: 2 }[role] ?? 3;
}
