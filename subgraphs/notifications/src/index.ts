export { notificationsModule, type NotificationsConfig } from './subgraph';
export { NOTIFICATION_EVENTS_GROUP } from './events/order-events.consumer';
export { recipientTopic } from './services/notification-feed';
export type { MailConfig, MailTransportConfig } from './mail/mail-config';
