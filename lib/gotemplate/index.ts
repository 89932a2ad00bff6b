export * from './functions';
export * from './parse';
