export * from './span-set';
export * from './edits';
export * from './history';
export * from './bounds';
export * from './identity';
export * from './cascade';
