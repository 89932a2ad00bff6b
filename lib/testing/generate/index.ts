export * from './evaluate';
export * from './generate';
export * from './go-template';
export * from './model';
export * from './conditions';
export * from './planner';
