export * from './ids.js';
export * from './protocol.js';
