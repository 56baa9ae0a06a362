export { ordersModule, type OrdersConfig } from './subgraph';
export { createOrders, type Orders } from './orders';
