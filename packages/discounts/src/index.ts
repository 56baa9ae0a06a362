export * from './discount-math';
export * from './coupon-verdict';
