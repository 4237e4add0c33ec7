export * from './title';
export * from './work-list';
