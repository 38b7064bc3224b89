// The whole SDK, for bench/bundle-size.mjs: the core and every resource module.
export * from '../packages/sdk/src/index.ts';
export * from '../packages/sdk/src/posts.ts';
export * from '../packages/sdk/src/questions.ts';
