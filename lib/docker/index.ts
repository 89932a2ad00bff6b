export * from './image';
export * from './server-container';
export * from './deployment';
export * from './prometheus-server';
export * from './alertmanager-server';
export * from './blackbox-exporter-server';
export * from './monitoring-deployment';
export * from './grafana-server';
