/**
 * Typed errors, so the web app can answer each kind with the right message and the entry points can tell
 * a caller's mistake (said back to them) from a fault of ours (recorded, and said back without internals).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** Something the team must configure (a token, a setting) before this can work. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
