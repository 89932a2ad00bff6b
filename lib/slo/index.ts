export * from './slo';
