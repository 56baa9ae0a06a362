/**
 * The Postman collection's requests, in the order a run sends them: each names an operation of
 * tests/operations/*.graphql (the documented operations the e2e tests also use), its variables
 * (`{{name}}` is a collection variable, `{{$timestamp}}` / `{{$guid}}` Postman's own), whose
 * token it sends, and which answer fields it keeps for later requests.
 */
export interface CollectionStep {
  folder: string;
  operation: string;
  /** Shown in Postman; defaults to the operation name. */
  name?: string;
  variables?: Record<string, unknown>;
  /** Collection variable holding the bearer token to send. */
  auth?: 'customerToken' | 'adminToken';
  /** Collection variable -> path in the response, e.g. `data.login.session.accessToken`. */
  capture?: Record<string, string>;
  /** Payload error codes that mean "not yet" (events still travelling): the request is repeated, bounded. */
  retryOn?: string[];
}

const address = { name: 'Ada Lovelace', line1: '1 Grafton Street', city: 'Dublin', postalCode: 'D02 XY45', country: 'IE' };
const password = 'correct-horse-battery-9';

export const collectionSteps: CollectionStep[] = [
  {
    folder: 'Users',
    operation: 'Register',
    variables: { input: { email: 'postman.{{$timestamp}}.{{$randomInt}}@example.com', password, name: 'Postman Shopper' } },
    capture: { customerEmail: 'data.register.session.user.email', customerId: 'data.register.session.user.id' },
  },
  {
    folder: 'Users',
    operation: 'Login',
    variables: { input: { email: '{{customerEmail}}', password } },
    capture: { customerToken: 'data.login.session.accessToken', refreshToken: 'data.login.session.refreshToken' },
  },
  { folder: 'Users', operation: 'Me', auth: 'customerToken' },
  {
    folder: 'Users',
    operation: 'RefreshToken',
    variables: { refreshToken: '{{refreshToken}}' },
    capture: { customerToken: 'data.refreshToken.session.accessToken', refreshToken: 'data.refreshToken.session.refreshToken' },
  },
  {
    folder: 'Users',
    operation: 'AddAddress',
    auth: 'customerToken',
    variables: { input: address, makeDefault: true },
    capture: { addressId: 'data.addAddress.address.id' },
  },
  { folder: 'Users', operation: 'MyAddresses', auth: 'customerToken' },
  {
    folder: 'Admin',
    operation: 'Login',
    name: 'Admin login',
    variables: { input: { email: '{{adminEmail}}', password: '{{adminPassword}}' } },
    capture: { adminToken: 'data.login.session.accessToken' },
  },
  {
    folder: 'Admin',
    operation: 'CreateCategory',
    auth: 'adminToken',
    variables: { input: { slug: 'postman-{{$timestamp}}', name: 'Postman picks' } },
    capture: { categoryId: 'data.createCategory.category.id' },
  },
  {
    folder: 'Admin',
    operation: 'CreateProduct',
    auth: 'adminToken',
    variables: {
      input: {
        sku: 'PM-{{$timestamp}}',
        slug: 'postman-teapot-{{$timestamp}}',
        name: 'Postman teapot',
        price: { amount: 2500, currency: 'EUR' },
        categoryId: '{{categoryId}}',
        published: true,
      },
    },
    capture: { productId: 'data.createProduct.product.id' },
  },
  {
    folder: 'Admin',
    operation: 'AdjustStock',
    auth: 'adminToken',
    variables: { input: { productId: '{{productId}}', delta: 10, idempotencyKey: 'postman-{{productId}}' } },
    retryOn: ['UNKNOWN_PRODUCT'],
  },
  {
    folder: 'Admin',
    operation: 'CreateShippingRate',
    auth: 'adminToken',
    variables: { input: { country: 'IE', carrier: 'An Post', name: 'An Post Parcel', price: { amount: 699, currency: 'EUR' }, estimatedDays: 3 } },
  },
  { folder: 'Admin', operation: 'CreateTaxRate', auth: 'adminToken', variables: { input: { country: 'IE', rateBasisPoints: 2300, name: 'VAT' } } },
  { folder: 'Storefront', operation: 'Storefront', variables: { first: 20, filter: { categoryId: '{{categoryId}}' } } },
  { folder: 'Storefront', operation: 'ProductBy', variables: { id: '{{productId}}' } },
  { folder: 'Storefront', operation: 'CategoryTree' },
  { folder: 'Storefront', operation: 'Search', variables: { text: 'teapot', first: 5 } },
  {
    folder: 'Reviews and wishlist',
    operation: 'AddReview',
    auth: 'customerToken',
    variables: { input: { productId: '{{productId}}', rating: 5, title: 'Pours well', body: 'Sent from the Postman collection.' } },
    capture: { reviewId: 'data.addReview.review.id' },
    retryOn: ['UNKNOWN_PRODUCT'],
  },
  {
    folder: 'Reviews and wishlist',
    operation: 'AddToWishlist',
    auth: 'customerToken',
    variables: { productId: '{{productId}}' },
    retryOn: ['UNKNOWN_PRODUCT'],
  },
  { folder: 'Reviews and wishlist', operation: 'MyWishlist', auth: 'customerToken', variables: { first: 10 } },
  {
    folder: 'Checkout',
    operation: 'AddToCart',
    auth: 'customerToken',
    variables: { productId: '{{productId}}', quantity: 2 },
    capture: { cartId: 'data.addToCart.cart.id' },
    retryOn: ['UNKNOWN_PRODUCT'],
  },
  { folder: 'Checkout', operation: 'SetShippingAddress', auth: 'customerToken', variables: { input: address } },
  { folder: 'Checkout', operation: 'CartQuote', auth: 'customerToken' },
  {
    folder: 'Checkout',
    operation: 'PlaceOrder',
    auth: 'customerToken',
    variables: { cartId: '{{cartId}}', idempotencyKey: '{{$guid}}', paymentToken: 'tok_visa' },
    capture: { orderId: 'data.placeOrder.order.id' },
  },
  { folder: 'Checkout', operation: 'OrderDetails', auth: 'customerToken', variables: { id: '{{orderId}}' } },
  { folder: 'Sign out', operation: 'Logout', variables: { refreshToken: '{{refreshToken}}' } },
];
