export * from './dipoles';
export * from './fields';
export * from './regime';
export * from './runMeasures';
export * from './sobolev';
