/**
 * The house rules for imports, checked in `npm test` (npm run lint:boundaries):
 *   models/   the data; imports nothing above it
 *   src/      the core; knows no capability and no platform — except the composition root
 *             (src/composition.ts) and the entry points that start it
 *   dialogs/  the capabilities; use the core and the models, never a platform
 *   adapters/ the platforms; use the core only, plus the platform state they own (addresses,
 *             sent messages, the chat page's transcripts) and the types of what they are handed
 * and nowhere a circle.
 */
const COMPOSITION = '^src/(composition|main|cli)\\.ts$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A circle makes a module impossible to understand (or load) on its own.', from: {}, to: { circular: true } },
    {
      name: 'core-knows-no-capability',
      severity: 'error',
      comment: 'The core is handed dialogs and adapters by the composition root; it never imports them.',
      from: { path: '^src/', pathNot: COMPOSITION },
      to: { path: '^(dialogs|adapters)/' },
    },
    { name: 'models-stay-below', severity: 'error', comment: 'Models are the bottom layer.', from: { path: '^models/' }, to: { path: '^(src|dialogs|adapters)/' } },
    { name: 'dialogs-know-no-platform', severity: 'error', comment: 'Dialogs return replies; adapters render them.', from: { path: '^dialogs/' }, to: { path: '^adapters/' } },
    {
      name: 'adapters-go-through-the-core',
      severity: 'error',
      comment: 'Core is the only door: an adapter never reaches a dialog.',
      from: { path: '^adapters/' },
      to: { path: '^dialogs/' },
    },
    {
      name: 'adapters-own-only-platform-state',
      severity: 'error',
      comment: 'Adapters read and write only the platform state they own; the rest comes through the core.',
      from: { path: '^adapters/' },
      to: { path: '^models/', pathNot: '^models/(address|sent-message|webchat-activity)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'platforms-apart',
      severity: 'error',
      comment: 'One platform never depends on another.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
