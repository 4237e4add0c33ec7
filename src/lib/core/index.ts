export * from './types';
export * from './ids';
export * from './text';
export * from './spans';
export * from './labels';
export * from './articles';
export * from './codecs';
export * from './theme';
