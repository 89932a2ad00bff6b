export * from './model';
export * from './expressions';
export * from './load';
export * from './diff';
export * from './markdown';
export * from './refs';
export * from './cli';
export * from './catalog';
