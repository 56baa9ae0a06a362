export { startRouter, type RouterOptions, type RunningRouter } from './create-router';
export type { OperationLimits, RateLimitOptions, RouterInternals } from './router-options';
export type { CorsOptions } from './cors';
export type { SubscriptionOptions } from './subscriptions/subscription-options';
export { createRemoteAccessTokenVerifier, type RemoteAccessTokenOptions } from './remote-access-tokens';
export { routerEnvSchema, type RouterEnv } from './env';
export { routerOptionsFromEnv } from './options-from-env';
