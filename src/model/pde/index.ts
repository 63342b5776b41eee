export * from './grid';
export * from './solver';
