import { catalog } from '../messages';

/** What the web app answers a Discord slash command or form with (the edited deferred response). */
export const discordText = catalog({
  reportSaved: { ja: '✅ {date} の報告を記録しました。', en: '✅ Your report for {date} is recorded.' },
  reportUpdated: { ja: '✅ {date} の報告を更新しました。', en: '✅ Your report for {date} is updated.' },
  blockersFiled: { ja: '🚫 ブロッカーを登録しました: {ids}', en: '🚫 Blockers filed: {ids}' },
  badMood: {
    ja: '⚠️ 気分は 1〜5 の数字で入力してください（空欄も可）。報告は記録していません。',
    en: '⚠️ Mood must be a number from 1 to 5 (or empty). Nothing was recorded.',
  },
  emptyReport: {
    ja: '⚠️ 完了事項・明日の予定・ブロッカーのどれかを書いてください。',
    en: '⚠️ Write what you did, what you plan, or what blocks you.',
  },
  notInMembers: {
    ja: '（Members シートにあなたの Discord ユーザー ID {user} がないため「{name}」として記録しました。管理者に「Discord User ID」列への追加を頼んでください）',
    en: '(Your Discord user ID {user} is not in the Members sheet, so this is recorded as "{name}". Ask an admin to add it to the "Discord User ID" column.)',
  },
});
