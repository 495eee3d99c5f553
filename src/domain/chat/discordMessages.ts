import { catalog } from '../messages';

/** What the web app answers a Discord slash command or form with (the edited deferred response). */
export const discordText = catalog({
  reportSaved: { ja: '✅ {date} の報告を記録しました。', en: '✅ Your report for {date} is recorded.' },
  reportUpdated: { ja: '✅ {date} の報告を更新しました。', en: '✅ Your report for {date} is updated.' },
  blockersFiled: { ja: '🚫 ブロッカーを登録しました: {ids}', en: '🚫 Blockers filed: {ids}' },
  memberNotFound: {
    ja: '「{name}」（Discord ユーザー ID {user}）は Members シートにいません。管理者に「Discord User ID」列への追加を頼んでください。',
    en: '"{name}" (Discord user ID {user}) is not in the Members sheet. Ask an admin to add it to the "Discord User ID" column.',
  },
  notInMembers: {
    ja: '（Members シートにあなたの Discord ユーザー ID {user} がないため「{name}」として記録しました。管理者に「Discord User ID」列への追加を頼んでください）',
    en: '(Your Discord user ID {user} is not in the Members sheet, so this is recorded as "{name}". Ask an admin to add it to the "Discord User ID" column.)',
  },
});
