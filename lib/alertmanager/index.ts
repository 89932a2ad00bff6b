export * from './alertmanager-files';
export * from './config';
export * from './heartbeat';
export * from './render';
export * from './routing';
export * from './routing-table';
export * from './validate';
export * from './routing-diagram';
