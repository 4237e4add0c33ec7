export * from './report';
export * from './plan-merge';
export * from './unused-ids';
