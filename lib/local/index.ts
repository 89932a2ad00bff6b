export * from './profile';
export * from './traffic';
export * from './servers';
export * from './fast-timings';
