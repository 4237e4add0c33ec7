export * from './title';
export * from './work-list';
export * from './library-memory';
