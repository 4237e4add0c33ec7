export * from './color';
export * from './themes';
export * from './highlight-style';
