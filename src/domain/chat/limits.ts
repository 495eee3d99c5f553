/**
 * What Slack and Discord refuse, in one place: a message past these limits is rejected whole
 * (Slack `invalid_blocks`, Discord 50035 "Invalid Form Body"), so builders cut text to fit instead.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  modalBlocks: 100,
  header: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  /** chat.postMessage cuts `text` beyond this; we keep the notification text far shorter. */
  text: 4000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  optionText: 75,
  /** The most a plain-text input may be set to accept. */
  inputMaxLength: 3000,
} as const;

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Titles, descriptions, field names and values, footers and authors of all embeds of a message together. */
  total: 6000,
} as const;
