export * from './promtool-tests';
export * from './tools';
export * from './generate';
export * from './processes';
export * from './blackbox-exporter';
export * from './alertmanager';
