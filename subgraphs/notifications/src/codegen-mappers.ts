/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
import type { Connection } from '@shop/subgraph-kit';
import type { NotificationRecord } from './stores/notification.store';

export type { NotificationRecord as NotificationModel } from './stores/notification.store';
export type { MarkReadResult as MarkNotificationsReadPayloadModel } from './services/mark-read.service';
export type NotificationConnectionModel = Connection<NotificationRecord>;
/** A user reference, owned by the users subgraph: notifications only ever holds its id. */
export type UserModel = { id: string };
