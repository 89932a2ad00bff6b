export * from './promql';
export * from './prometheus';
export * from './synth';
export * from './exporters';
export * from './slo';
export * from './alertmanager';
export * from './blackbox';
export * from './grafana';
