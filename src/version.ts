declare const __SHINCHOKU_VERSION__: string | undefined;

/** Set by the build from package.json; "dev" when the source runs unbundled (unit tests). */
export const VERSION: string = typeof __SHINCHOKU_VERSION__ === 'string' ? __SHINCHOKU_VERSION__ : 'dev';
