export { ConfigError, loadEnvOrExit, parseEnv } from './parse-env';
export { flag, list, logLevel, nodeEnv, pem, port } from './fragments';
