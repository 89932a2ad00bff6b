export * from './promtool-tests';
export * from './tools';
