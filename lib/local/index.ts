export * from './profile';
export * from './traffic';
export * from './servers';
