export * from './bindings';
export * from './table';
export * from './dispatch';
