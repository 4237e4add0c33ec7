export * from './defaults';
export * from './relation-set';
export * from './rules';
export * from './missing';
export * from './propose';
export * from './targets';
