import type { SubgraphModule } from '@shop/subgraph-kit';
import { ratingsModule } from '@shop/ratings';
import { usersModule } from '@shop/users';
import { favouritesModule } from '@shop/favourites';
import { taxModule } from '@shop/tax';
import { inventoryModule } from '@shop/inventory';
import { searchModule } from '@shop/search';
import { embeddedProductsConfig, productsModule } from '@shop/products';
import { ordersModule } from '@shop/orders';
import { defaultPaymentsConfig, paymentsModule } from '@shop/payments';
import { promotionsModule } from '@shop/promotions';
import { shippingModule } from '@shop/shipping';
import { notificationsModule } from '@shop/notifications';
import { subgraphs, type SubgraphName } from '../schema/subgraphs';
import type { EmbeddedKeys } from './embedded-keys';

/**
 * Every subgraph module, by name. Keyed by `SubgraphName` (schema/subgraphs.ts), so a subgraph
 * missing here, or one the list does not name, is a compile error.
 */
export const allModules = {
  users: usersModule,
  ratings: ratingsModule,
  favourites: favouritesModule,
  tax: taxModule,
  inventory: inventoryModule,
  search: searchModule,
  products: productsModule,
  orders: ordersModule,
  payments: paymentsModule,
  promotions: promotionsModule,
  shipping: shippingModule,
  notifications: notificationsModule,
} as const satisfies Record<SubgraphName, SubgraphModule<never>>;

/** A module's configuration type. */
type ConfigOf<TModule> = TModule extends SubgraphModule<infer TConfig> ? TConfig : never;

/** Each subgraph's configuration, by name. */
export type SubgraphConfigs = { [Name in SubgraphName]: ConfigOf<(typeof allModules)[Name]> };

/** Settings the embedded process shares between subgraphs (services mode reads each from env). */
export interface EmbeddedSettings {
  keys: EmbeddedKeys;
  issuer: string;
  audience: string;
  /** Where the development mail adapter writes mails (`<dataDir>/mail`); in memory when absent. */
  mailDirectory?: string;
}

interface ModuleWithConfig<TConfig> {
  name: SubgraphName;
  /** Its fixed embedded port (schema/subgraphs.ts). */
  port: number;
  module: SubgraphModule<TConfig>;
  config: TConfig;
}

/** Every subgraph's embedded-mode configuration. */
function embeddedConfigs(settings: EmbeddedSettings): SubgraphConfigs {
  return {
    users: {
      signingKeys: settings.keys.accessTokenSigningKeys,
      issuer: settings.issuer,
      audience: settings.audience,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 3600,
      admin: settings.keys.admin,
    },
    ratings: {},
    favourites: {},
    tax: {},
    inventory: {},
    search: {},
    products: embeddedProductsConfig,
    orders: {},
    payments: defaultPaymentsConfig,
    promotions: {},
    shipping: {},
    notifications: { mail: { transport: { kind: 'development', ...(settings.mailDirectory ? { directory: settings.mailDirectory } : {}) } } },
  };
}

/** Every subgraph, in start order (schema/subgraphs.ts), with its embedded-mode configuration. */
export function embeddedSubgraphs(settings: EmbeddedSettings): Array<ModuleWithConfig<unknown>> {
  const configs = embeddedConfigs(settings);
  return subgraphs.map(({ name, port }) => ({ name, port, module: allModules[name], config: configs[name] }) as ModuleWithConfig<unknown>);
}
