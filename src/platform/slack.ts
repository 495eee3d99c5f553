import type { Reply } from '../domain/chat/delivery';
import { replyOf } from './chatReply';
import type { HttpClient } from './urlfetch';

export const SLACK_API_URL = 'https://slack.com/api/';

export interface SlackClient {
  /** A Web API write method (chat.postMessage, views.open…): JSON with the bot token as a Bearer header. */
  call(method: string, args: Record<string, unknown>): Reply;
  /** A Web API read method (conversations.history…): Slack reads their arguments from form fields, not JSON. */
  read(method: string, args: Record<string, string>): Reply;
  /** JSON to an incoming webhook or a response_url, which carry their own authority. */
  post(url: string, payload: unknown): Reply;
}

export function slackClient(http: HttpClient, botToken: string | undefined): SlackClient {
  const auth = (): Record<string, string> => (botToken ? { Authorization: `Bearer ${botToken}` } : {});
  return {
    call: (method, args) => replyOf(() => http.request({ url: `${SLACK_API_URL}${method}`, method: 'post', headers: auth(), json: args })),
    read: (method, args) =>
      replyOf(() =>
        http.request({
          url: `${SLACK_API_URL}${method}`,
          method: 'post',
          headers: auth(),
          body: Object.entries(args)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&'),
          contentType: 'application/x-www-form-urlencoded',
        }),
      ),
    post: (url, payload) => replyOf(() => http.request({ url, method: 'post', json: payload })),
  };
}
