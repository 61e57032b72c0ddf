export * from './replay-matching.usecase';
export * from './replay-report.text';
export * from './matching-rules.file';
export * from './replay-scoring.rules';
export * from './replay-history';
export * from './as-of-candidates';
