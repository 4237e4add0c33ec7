export * from './offsets';
export * from './graphemes';
export * from './lines';
export * from './snap';
export * from './hash';
export * from './tokenizer';
export * from './sentences';
export * from './find';
