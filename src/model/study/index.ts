/**
 * Studies (docs/study.md): sweeps and ensembles over keys of the share link. DOM-free: the CLI's
 * `sweep` and the app run the same definition, expansion, runs, rows and summary.
 */
export * from './axes';
export * from './csv';
export * from './definition';
export * from './expand';
export * from './fields';
export * from './measures';
export * from './observe';
export * from './row';
export * from './simulate';
export * from './summary';
