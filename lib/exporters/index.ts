export * from './cadvisor';
export * from './dcgm';
export * from './node';
export * from './postgres';
export * from './redis';
