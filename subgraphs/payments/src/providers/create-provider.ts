import type { PaymentProvider } from './payment-provider';
import { SimulatedPaymentProvider } from './simulated-provider';

/** Which payment provider adapter to use; a discriminated union so real providers add their own options. */
export type PaymentProviderConfig = { provider: 'simulated' };

export function createProvider(config: PaymentProviderConfig): PaymentProvider {
  switch (config.provider) {
    case 'simulated':
      return new SimulatedPaymentProvider();
  }
}
