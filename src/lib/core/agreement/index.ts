/**
 * Inter-annotator agreement: span-level P/R/F1 (exact and overlap), token-level Cohen's and Fleiss'
 * kappa, and Krippendorff's α_u, per label, overall, per pair, per article and per session.
 */
export * from './types';
export * from './spans-match';
export * from './kappa';
export * from './unitizing';
export * from './token-grid';
export * from './agreement';
export * from './relation-agreement';
