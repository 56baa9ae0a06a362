/** The README's storefront query: what the explorer opens with on a first visit. */
export const storefrontQuery = `# The storefront: fields from products, inventory, ratings and favourites in one request.
# Run it with the play button (or Ctrl+Enter). Sign in with the \`login\` mutation and put the
# accessToken into Headers as { "authorization": "Bearer <accessToken>" }.
query Storefront {
  products(first: 20, filter: { categorySlug: "clothing" }, sort: PRICE_ASC) {
    totalCount
    edges {
      node {
        id
        name
        price { amount currency }
        salePrice { amount currency }
        stock
        inStock
        averageRating
        reviewCount
        favouriteCount
        category { name }
      }
    }
  }
}
`;
