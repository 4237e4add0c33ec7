export * from './report';
export * from './plan-merge';
