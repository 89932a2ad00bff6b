export * from './checked-stack';
export * from './errors';
export * from './failure';
export * from './generated-files';
export * from './yaml';
export * from './secret-files';
