import { AuthError, ConfigError, InputError } from '../domain/errors';

/** The parts of Apps Script's doGet/doPost event the web app reads. */
export interface WebRequest {
  parameter: Record<string, string | undefined>;
  postData?: { contents: string; type: string } | undefined;
}

export type WebAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string };

/**
 * An answer in the caller's own shape, sent as it is: Slack wants `{response_type, text}` for a command and an
 * empty body to close a submitted modal.
 */
export class RawAnswer {
  constructor(readonly body: string) {}
}

export type PostHandler = (request: WebRequest) => WebAnswer | RawAnswer;

/** What a failure is called in the answer; our own faults say no more than that they happened. */
export function errorAnswer(error: unknown, onInternal: (error: unknown) => void): WebAnswer {
  if (error instanceof InputError || error instanceof AuthError || error instanceof ConfigError) {
    return { ok: false, error: error.message };
  }
  onInternal(error);
  return { ok: false, error: 'internal error: the request was not processed; see the Errors log of the script' };
}

/**
 * Routes a POST by its `source` parameter. Each source authenticates itself (a token in the query string or,
 * for Slack, in the body), since Apps Script cannot read request headers.
 */
export function routePost(
  request: WebRequest,
  handlers: Readonly<Record<string, PostHandler>>,
  onInternal: (error: unknown) => void,
): WebAnswer | RawAnswer {
  const source = request.parameter['source'];
  const handler = source ? handlers[source] : undefined;
  if (!handler) {
    const known = Object.keys(handlers).join(', ');
    return {
      ok: false,
      error: source ? `unknown source "${source}": expected one of ${known}` : `missing "source" parameter: expected one of ${known}`,
    };
  }
  try {
    return handler(request);
  } catch (error) {
    return errorAnswer(error, onInternal);
  }
}
