import { catalog } from '../messages';

/** Issue 18's texts: time zones, absences, questions, participation. Japanese by default, English by LANGUAGE. */
export const memberText = catalog({
  // What setup and the health answer say about what people typed (sheet and row are added in front).
  badTimeZone: {
    ja: '{name} の Time Zone「{zone}」は知られていないタイムゾーンです（例: America/New_York, Europe/London）。直すまでチームのタイムゾーン {team} で動きます',
    en: '{name}: Time Zone "{zone}" is not a known time zone (e.g. America/New_York, Europe/London); the team\'s {team} is used until it is fixed',
  },
  absenceNoMember: { ja: 'Member が空です', en: 'Member is empty' },
  absenceUnknownMember: { ja: '{name} は Members にいません', en: '{name} is not in Members' },
  absenceNoFrom: { ja: '{name} の From「{value}」が日付ではありません', en: '{name}: From "{value}" is not a date' },
  absenceBackwards: { ja: '{name} の To {to} が From {from} より前です', en: '{name}: To {to} is before From {from}' },
  absenceOverlap: {
    ja: '{name} の不在が {other} 行目と重なっています（{from}〜{to}）',
    en: '{name}: this absence overlaps row {other} ({from} to {to})',
  },
  questionNoText: { ja: '質問の文（Text (ja) か Text (en)）がありません', en: 'the question has no text (Text (ja) or Text (en))' },
  questionBadKind: {
    ja: 'Kind「{kind}」は text / number / scale / yes-no のどれかにしてください',
    en: 'Kind "{kind}" must be one of text / number / scale / yes-no',
  },
  questionMoodKind: {
    ja: '気分（Mood 列）の質問の Kind は scale にしてください（Team Satisfaction の元です）',
    en: 'the mood question (column Mood) must be of Kind scale: Team Satisfaction is its mean',
  },
  questionTooMany: {
    ja: '質問が多すぎます（最大 {max} 件）。{order} 番以降はフォームに出ません',
    en: 'too many questions (at most {max}); from Order {order} on they are not asked',
  },
  problemAt: { ja: '{sheet} {row} 行目: {message}', en: '{sheet} row {row}: {message}' },
  problemsTitle: { ja: '⚠️ 入力を確認してください', en: '⚠️ Please check these entries' },

  // The form
  yes: { ja: 'はい', en: 'Yes' },
  no: { ja: 'いいえ', en: 'No' },
  choose: { ja: '選んでください', en: 'Choose one' },
  answerRequired: { ja: 'この質問は必須です', en: 'This question needs an answer' },
  answerNumber: { ja: '数値を入力してください', en: 'Enter a number' },
  answerScale: { ja: '1〜5 から選んでください', en: 'Choose from 1 to 5' },

  // Reminders at the member's own hour
  memberProgressHeader: { ja: '📝 進捗更新の時間です', en: '📝 Time to update your progress' },
  memberProgressBody: {
    ja: '{name} さん、{date} の進捗を報告してください。',
    en: '{name}, please report your progress for {date}.',
  },

  // Who is away
  away: { ja: '🌴 不在（{count}名）', en: '🌴 Away ({count})' },
  awayLine: { ja: '{name}（〜{to}）', en: '{name} (until {to})' },

  // The manager's note
  noteSubject: { ja: '[進捗] {name} さんの日報が {days} 営業日ありません', en: '[Progress] No daily report from {name} for {days} working days' },
  noteBody: {
    ja: '{name} さんの日報が {since} から {days} 営業日届いていません（不在の日と休日は除いています）。忙しいだけかもしれません。一声かけてみてはいかがでしょう。',
    en: '{name} has not sent a daily report for {days} working days, since {since} (days away and holidays not counted). They may just be busy: a friendly word might help.',
  },

  // Participation (weekly report, Dashboard)
  participationTitle: { ja: '参加状況', en: 'Participation' },
  participationLine: {
    ja: '{name}: {reported} / {working} 日（{rate}）',
    en: '{name}: {reported} of {working} days ({rate})',
  },
  participationAway: { ja: '不在 {days} 日', en: '{days} days away' },
  participationNone: { ja: '対象のメンバーがいません', en: 'No member to count' },
  participationNoDays: { ja: '{name}: 出勤日なし', en: '{name}: no working day present' },
  dashboardParticipationWeek: { ja: '今週の参加率', en: 'Participation this week' },
  dashboardMember: { ja: 'メンバー', en: 'Member' },
  dashboardReported: { ja: '報告日数', en: 'Reported' },
  dashboardWorking: { ja: '出勤日数', en: 'Working days' },
  dashboardRate: { ja: '参加率', en: 'Rate' },
});

export type MemberTextId = Parameters<typeof memberText>[0];
