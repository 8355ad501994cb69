// A static emoji picker. Each button inserts its emoji at the composer's caret.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const EMOJI = [
  '😀', '😁', '😂', '🤣', '😊', '😍', '😘', '😎', '🤔', '😴', '😭', '😡', '😱', '🥳', '😅', '🙃',
  '😉', '😇', '🤗', '🤫', '🙄', '😬', '🥲', '😋', '👍', '👎', '👏', '🙏', '💪', '👌', '✌️', '🤝',
  '👋', '❤️', '💔', '🔥', '✨', '🎉', '🎂', '🌹', '🌞', '🌙', '⭐', '☕', '🍺', '🍜', '🍉', '🐶',
  '🐱', '🐼', '🚀', '⚽', '🎵', '📷', '💡', '✅', '❌', '❓', '💯', '🧧', '🀄', '🏮', '🥟', '🍵',
];

/** The picker panel; `onPick(emoji)` is called for a chosen emoji. */
export function emojiPicker(onPick, onClose) {
  const panel = h('div.emoji-panel', { role: 'dialog', 'aria-label': t('conv.emoji') },
    h('div.emoji-grid', EMOJI.map(e => h('button.emoji', {
      type: 'button', 'aria-label': e, onclick: () => onPick(e),
    }, e))));
  panel.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  });
  return panel;
}
