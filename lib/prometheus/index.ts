export * from './config';
export * from './prometheus-files';
export * from './render-config';
export * from './render-rules';
export * from './rule';
export * from './rule-pack';
export * from './validate';
export * from './validate-config';
