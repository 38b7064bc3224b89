/**
 * @plaza/contract — the typed contract between Plaza widgets and any backend.
 * zod/mini schemas for every resource, request and error, their inferred types, and the OpenAPI 3.1
 * document generated from them. Browser-safe: imports `zod/mini` only.
 */
export * from './limits.ts';
export * from './common.ts';
export * from './user.ts';
export * from './poll.ts';
export * from './rich-text.ts';
export * from './post.ts';
export * from './events.ts';
export * from './group.ts';
export * from './question.ts';
export * from './expert.ts';
export * from './file.ts';
export * from './notification.ts';
export * from './catalog.ts';
export { buildOpenApi, API_ROUTES, type ApiRoute } from './openapi.ts';
