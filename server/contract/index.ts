// The contract shared by the server and the extension: zod schemas and their types.
// The content script must import only `./item-key` (zod-free) and types, to stay small.
export * from './item-key';
export * from './item-key-schema';
export * from './ratings';
export * from './auth';
export * from './identity';
export type { AppRouter } from '../routers/_app';
export * from './content';
export * from './items';
export * from './reviews';
export * from './comments';
export * from './moderation';
export * from './popularity';
export * from './live';
export * from './contributions';
