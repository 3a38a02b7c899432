/**
 * The layers of src/ (README, Architecture), enforced in `npm test` (`npm run lint:deps`):
 * shared <- models <- engine <- state (engine types only) <- features/ui <- app <- embed <- tour;
 * no import cycles anywhere in src/.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order and refactors fragile.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'shared-depends-on-nothing-of-ours',
      severity: 'error',
      from: { path: layer('shared') },
      to: { path: '^src/', pathNot: layer('shared') },
    },
    {
      name: 'models-depend-on-shared-only',
      severity: 'error',
      from: { path: layer('models') },
      to: { path: '^src/', pathNot: [layer('shared'), layer('models')] },
    },
    {
      name: 'engine-depends-on-shared-and-models-only',
      severity: 'error',
      from: { path: layer('engine') },
      to: { path: '^src/', pathNot: [layer('shared'), layer('models'), layer('engine')] },
    },
    {
      name: 'state-sees-engine-types-only',
      severity: 'error',
      comment: 'The store holds data; app/ is the only place that calls the engine.',
      from: { path: layer('state') },
      to: { path: layer('engine'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'state-below-views',
      severity: 'error',
      from: { path: layer('state') },
      to: { path: [layer('features'), layer('ui'), layer('app'), layer('embed')] },
    },
    {
      name: 'views-never-call-the-engine',
      severity: 'error',
      comment:
        'features/ and ui/ read state and draw; app/ joins state and engine. They may read the ' +
        "engine's types and pure formatting (engine/report), never its client, worker or ops.",
      from: { path: [layer('features'), layer('ui')] },
      to: {
        path: '^src/engine/(client|clientApi|protocol|bridge|worker|core|layers)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'features-independent',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
    {
      name: 'ui-below-features-and-app',
      severity: 'error',
      from: { path: layer('ui') },
      to: { path: [layer('features'), layer('app'), layer('embed')] },
    },
    {
      name: 'tour-is-the-top',
      severity: 'error',
      comment: 'The guided tour (tour.html) is a page of its own: nothing else imports it.',
      from: { path: '^src/', pathNot: layer('tour') },
      to: { path: layer('tour') },
    },
    {
      name: 'tour-uses-the-engine-client',
      severity: 'error',
      comment: "The tour's figures reach the engine through the shared client, like the embeds.",
      from: { path: layer('tour') },
      to: {
        path: '^src/engine/(worker|core|layers|bridge)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'app-below-embed',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: layer('embed') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
