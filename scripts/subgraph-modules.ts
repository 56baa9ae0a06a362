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
import type { EmbeddedKeys } from './embedded-keys';

/** Settings the embedded process shares between subgraphs (services mode reads each from env). */
export interface EmbeddedSettings {
  keys: EmbeddedKeys;
  issuer: string;
  audience: string;
  /** Where the development mail adapter writes mails (`<dataDir>/mail`); in memory when absent. */
  mailDirectory?: string;
}

interface ModuleWithConfig<TConfig> {
  module: SubgraphModule<TConfig>;
  config: TConfig;
}

const entry = <TConfig>(module: SubgraphModule<TConfig>, config: TConfig) => ({ module, config }) as ModuleWithConfig<unknown>;

/** Every subgraph, in start order, with its embedded-mode configuration. */
export function embeddedSubgraphs(settings: EmbeddedSettings): Array<ModuleWithConfig<unknown>> {
  return [
    entry(usersModule, {
      signingKeys: settings.keys.accessTokenSigningKeys,
      issuer: settings.issuer,
      audience: settings.audience,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 3600,
      admin: settings.keys.admin,
    }),
    entry(ratingsModule, {}),
    entry(favouritesModule, {}),
    entry(taxModule, {}),
    entry(inventoryModule, {}),
    entry(searchModule, {}),
    entry(productsModule, embeddedProductsConfig),
    entry(ordersModule, {}),
    entry(paymentsModule, defaultPaymentsConfig),
    entry(promotionsModule, {}),
    entry(shippingModule, {}),
    entry(notificationsModule, { mail: { transport: { kind: 'development', ...(settings.mailDirectory ? { directory: settings.mailDirectory } : {}) } } }),
  ];
}

/** Every subgraph module (for `npm run migrate`). */
export const allModules: ReadonlyArray<SubgraphModule<never>> = [usersModule, ratingsModule, favouritesModule, taxModule, inventoryModule, searchModule, productsModule, ordersModule, paymentsModule, promotionsModule, shippingModule, notificationsModule];
