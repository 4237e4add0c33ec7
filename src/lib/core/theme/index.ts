export * from './color';
export * from './highlight-style';
