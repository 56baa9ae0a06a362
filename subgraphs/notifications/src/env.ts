import { loadPlatformEnv, type PlatformEnv } from '@shop/subgraph-kit';
import type { NotificationsConfig } from './subgraph';

/** Notifications reads only the platform variables (README: "Every subgraph in services mode"). */
export const loadNotificationsEnv = (): PlatformEnv => loadPlatformEnv();

export const notificationsConfigFromEnv = (_env: PlatformEnv): NotificationsConfig => ({});
