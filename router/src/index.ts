export { startRouter, type RouterOptions, type RunningRouter } from './create-router';
export { routerEnvSchema } from './env';
