export * from './spanwise';
export * from './spanwise-schema';
export * from './plain-text';
export * from './markdown';
export * from './html-entities';
export * from './filename';
