export * from './modules';
export * from './probe';
export * from './panel';
export * from './render';
export * from './validate';
export * from './blackbox-files';
