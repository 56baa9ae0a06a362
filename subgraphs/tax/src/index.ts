export { taxModule, type TaxConfig } from './subgraph';
export { createTax, type Tax } from './tax';
export { calculateTax, taxOn, basisPointsToPercentage } from './services/tax-calculator';
export type { TaxCalculation, TaxCalculationInput, TaxLineInput, TaxLineResult, TaxRateLike } from './services/tax-calculator';
