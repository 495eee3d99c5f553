// The layer rules, written down once (CONTRIBUTING.md explains them) and checked by `npm run lint:layers`, which
// `npm test` runs. A wrong import fails with the rule's name and its comment.
//
//   src/main.ts (entry) → src/compose/ (wiring) → src/app/ (use cases) → src/domain/ (pure) and src/sheets/ (tables)
//   src/platform/ (Apps Script adapters) is built by compose/ and reaches app/ only as port types.
//   local/ (the Apps Script emulator) stands alone: it runs any script, not just ours.
//
// Apps Script globals are no import; ESLint's no-restricted-globals (eslint.config.mjs) keeps them in platform/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain/ is plain data in, plain data out: it imports nothing from app/, compose/, platform/, sheets/, settings/ or the entry',
      from: { path: '^src/domain/' },
      to: { path: '^src/(app|compose|platform|sheets|settings|ui)/|^src/(main|jobs|menu)\\.ts$' },
    },
    {
      name: 'sheets-below-app',
      severity: 'error',
      comment: 'src/sheets/ declares tables over the domain; it must not reach up into app/, compose/, platform/ or the entry',
      from: { path: '^src/sheets/' },
      to: { path: '^src/(app|compose|platform)/|^src/(main|jobs|menu)\\.ts$' },
    },
    {
      name: 'platform-is-an-adapter',
      severity: 'error',
      comment: 'src/platform/ wraps Apps Script services; it knows no use case, no wiring and no entry point',
      from: { path: '^src/platform/' },
      to: { path: '^src/(app|compose)/|^src/(main|menu)\\.ts$' },
    },
    {
      name: 'app-takes-ports',
      severity: 'error',
      comment: 'a use case takes its platform dependencies as arguments: src/app/ may import src/platform/ for types only (import type)',
      from: { path: '^src/app/' },
      to: { path: '^src/platform/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-below-compose',
      severity: 'error',
      comment: 'src/app/ holds use cases; the wiring (compose/) and the entry (main.ts) call it, never the other way round',
      from: { path: '^src/app/' },
      to: { path: '^src/compose/|^src/main\\.ts$' },
    },
    {
      name: 'entry-is-the-top',
      severity: 'error',
      comment: 'nothing imports src/main.ts at run time: it is the entry; only type-only imports (job and menu tables typed against it) are allowed',
      from: { path: '^src/', pathNot: '^src/main\\.ts$' },
      to: { path: '^src/main\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'compose-only-from-entry',
      severity: 'error',
      comment: 'src/compose/ builds the object graph for the entry points; only src/main.ts and compose/ itself use it',
      from: { path: '^src/', pathNot: '^src/(main\\.ts|compose/)' },
      to: { path: '^src/compose/' },
    },
    {
      name: 'local-is-standalone',
      severity: 'error',
      comment: 'local/ emulates Apps Script for any script; it imports nothing from src/ (it runs build/Code.js)',
      from: { path: '^local/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-runs-in-apps-script',
      severity: 'error',
      comment: 'src/ is bundled into build/Code.js for Apps Script: no Node built-in, no npm package, nothing from local/, test/ or scripts/',
      from: { path: '^src/' },
      to: { pathNot: '^src/' },
    },
    {
      name: 'gateway-stands-alone',
      severity: 'error',
      comment:
        'gateway/ is a Cloudflare Worker deployed on its own: it shares no code with src/ or local/, only the wire contract (src/domain/gateway.ts)',
      from: { path: '^gateway/' },
      to: { path: '^(src|local|test)/' },
    },
    {
      name: 'gateway-runs-in-workers',
      severity: 'error',
      comment: 'gateway/src/ runs in workerd: no Node built-in; of npm packages only discord-api-types, whose shapes it answers Discord with',
      from: { path: '^gateway/src/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'], pathNot: '^node_modules/discord-api-types/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle makes the layers meaningless and the bundle order fragile (type-only imports vanish at build time and do not count)',
      from: { path: '^(src|local|gateway)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    // Type-only imports are edges too (they name what a layer knows), and the rules above tell them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|build|out|\\.local)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'] },
  },
};
