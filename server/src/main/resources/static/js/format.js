// Times and dates in the interface language.
import { currentLanguage, t } from './i18n.js';

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function dayKey(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** "Today", "Yesterday" or the date, for a separator between days. */
export function dayLabel(ms) {
  const d = new Date(ms);
  const now = new Date();
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, now)) return t('conv.today');
  if (sameDay(d, yesterday)) return t('conv.yesterday');
  return d.toLocaleDateString(currentLanguage(), { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
}

export function clock(ms) {
  return new Date(ms).toLocaleTimeString(currentLanguage(), { hour: '2-digit', minute: '2-digit' });
}

/** The time of a chat list row: the clock today, the weekday this week, else the date. */
export function listTime(ms) {
  const d = new Date(ms);
  const now = new Date();
  if (sameDay(d, now)) return clock(ms);
  if (now - d < 6 * 86_400_000) return d.toLocaleDateString(currentLanguage(), { weekday: 'short' });
  return d.toLocaleDateString(currentLanguage(), { year: '2-digit', month: 'numeric', day: 'numeric' });
}
