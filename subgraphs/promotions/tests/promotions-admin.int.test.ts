import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqlBackends, type Caller } from '@shop/testkit';
import { adminCaller, codes, couponCode, createPromotion, customerCaller, knownCategories, outboxFor, promotionsSuite, unique } from './helpers';
import {
  CreatePromotionDocument,
  DeactivatePromotionDocument,
  PromotionByIdDocument,
  PromotionListDocument,
  PromotionRefsDocument,
  UpdatePromotionDocument,
  type PromotionInput,
  type PromotionListQuery,
  type PromotionListQueryVariables,
  type PromotionPayloadFieldsFragment,
} from './__generated__/graphql';

describe.each(sqlBackends)('promotion admin on %s', (backend) => {
  const { promotions, products } = promotionsSuite(backend);

  const create = async (input: PromotionInput) => (await promotions.call(CreatePromotionDocument, { input }, adminCaller())).data!.createPromotion;
  const update = async (id: string, input: PromotionInput) =>
    (await promotions.call(UpdatePromotionDocument, { id, input }, adminCaller())).data!.updatePromotion;
  const deactivate = async (id: string) => (await promotions.call(DeactivatePromotionDocument, { id }, adminCaller())).data!.deactivatePromotion;
  const totalCount = async () => (await promotions.call(PromotionListDocument, {}, adminCaller())).data!.promotions.totalCount;

  it('admins create promotions; input is normalized and promotion.created recorded', async () => {
    const product = await products.create();
    await knownCategories(promotions, ['shoes']);
    const code = couponCode();
    const input: PromotionInput = {
      name: ' Summer sale ',
      description: 'Hot deals',
      kind: 'PERCENTAGE',
      value: 1500,
      couponCode: ` ${code.toLowerCase()} `,
      startsAt: '2026-06-01T00:00:00.000Z',
      endsAt: '2026-09-01T00:00:00.000Z',
      productIds: [product, product],
      categoryIds: ['shoes'],
      minimumSubtotal: { amount: 5000, currency: 'EUR' },
      usageLimit: 100,
      perCustomerLimit: 1,
    };
    const created = await create(input);
    const expected = {
      id: expect.any(String),
      name: 'Summer sale',
      description: 'Hot deals',
      kind: 'PERCENTAGE',
      value: 1500,
      currency: null,
      percentage: '15.00',
      amountOff: null,
      automatic: false,
      couponCode: code,
      startsAt: '2026-06-01T00:00:00.000Z',
      endsAt: '2026-09-01T00:00:00.000Z',
      productIds: [product],
      variantIds: [],
      categoryIds: ['shoes'],
      minimumSubtotal: { amount: 5000, currency: 'EUR' },
      usageLimit: 100,
      perCustomerLimit: 1,
      active: true,
      timesUsed: 0,
    };
    expect(created).toEqual({ promotion: expected, errors: [] });
    const id = created.promotion!.id;
    expect(await outboxFor(promotions, id)).toEqual([
      {
        type: 'promotion.created',
        data: {
          promotionId: id,
          name: 'Summer sale',
          kind: 'PERCENTAGE',
          value: 1500,
          currency: null,
          automatic: false,
          couponCode: code,
          startsAt: '2026-06-01T00:00:00.000Z',
          endsAt: '2026-09-01T00:00:00.000Z',
          productIds: [product],
          categoryIds: ['shoes'],
          variantIds: [],
          minimumSubtotal: { amount: 5000, currency: 'EUR' },
          usageLimit: 100,
          perCustomerLimit: 1,
          active: true,
        },
      },
    ]);
    expect((await promotions.call(PromotionByIdDocument, { id }, adminCaller())).data).toEqual({ promotion: expected });
  });

  it('creates fixed-amount automatic promotions starting now', async () => {
    const before = Date.now();
    const created = await create({ name: 'Five off', kind: 'FIXED_AMOUNT', value: 500, currency: 'EUR' });
    expect(created.promotion).toMatchObject({
      kind: 'FIXED_AMOUNT',
      value: 500,
      currency: 'EUR',
      percentage: null,
      amountOff: { amount: 500, currency: 'EUR' },
      automatic: true,
      couponCode: null,
      endsAt: null,
      productIds: [],
      categoryIds: [],
    });
    expect(Date.parse(created.promotion!.startsAt as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('reports every invalid field with a typed code', async () => {
    const result = await create({
      name: ' ',
      kind: 'PERCENTAGE',
      value: 10_001,
      currency: 'EUR',
      couponCode: 'a!',
      startsAt: '2026-02-01T00:00:00Z',
      endsAt: '2026-02-01T00:00:00Z',
      usageLimit: 0,
      perCustomerLimit: -1,
    });
    expect(result.promotion).toBeNull();
    expect(result.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_FIELD', 'name'],
      ['INVALID_VALUE', 'value'],
      ['INVALID_FIELD', 'currency'],
      ['INVALID_FIELD', 'couponCode'],
      ['INVALID_WINDOW', 'endsAt'],
      ['INVALID_FIELD', 'usageLimit'],
      ['INVALID_FIELD', 'perCustomerLimit'],
    ]);
    const zeroPercent = await create({ name: 'x', kind: 'PERCENTAGE', value: 0 });
    expect(zeroPercent.errors).toEqual([
      { code: 'INVALID_VALUE', field: 'value', message: 'A percentage must be 1 to 10000 basis points (0.01 % to 100.00 %)' },
    ]);
    const fixed = await create({ name: 'x', kind: 'FIXED_AMOUNT', value: -5, minimumSubtotal: { amount: 100, currency: 'USD' }, currency: 'EUR' });
    expect(fixed.errors).toEqual([
      { code: 'INVALID_VALUE', field: 'value', message: 'A fixed amount must be 1 or more minor units' },
      { code: 'INVALID_FIELD', field: 'minimumSubtotal', message: "minimumSubtotal must be in the promotion's currency" },
    ]);
    const noCurrency = await create({ name: 'x', kind: 'FIXED_AMOUNT', value: 0 });
    expect(noCurrency.errors.map((error) => error.code)).toEqual(['INVALID_VALUE', 'INVALID_FIELD']);
  });

  it('refuses unknown products', async () => {
    const known = await products.create();
    const missing = unique('prod');
    const result = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, productIds: [known, missing] });
    expect(result).toEqual({ promotion: null, errors: [{ code: 'UNKNOWN_PRODUCT', field: 'productIds', message: `Unknown product ids: ${missing}` }] });
  });

  it('takes categories by id or slug, stored as ids; unknown ones are UNKNOWN_CATEGORY and nothing is written', async () => {
    const [hats, caps] = [unique('hats'), unique('caps')];
    await knownCategories(promotions, [hats, caps]);
    const before = await totalCount();
    const [ghostId, ghostSlug] = [unique('ghost'), unique('ghost')];
    const refused = await create({ name: 'x', kind: 'PERCENTAGE', value: 100, categoryIds: [hats, ghostId], categorySlugs: [caps, ghostSlug] });
    expect(refused).toEqual({
      promotion: null,
      errors: [
        { code: 'UNKNOWN_CATEGORY', field: 'categoryIds', message: `Unknown category ids: ${ghostId}` },
        { code: 'UNKNOWN_CATEGORY', field: 'categorySlugs', message: `Unknown category slugs: ${ghostSlug}` },
      ],
    });
    expect(await totalCount()).toBe(before);

    // knownCategories gives each category its id as slug: caps by slug and hats by id both count.
    const created = await create({ name: 'Heads', kind: 'PERCENTAGE', value: 100, categoryIds: [hats], categorySlugs: [caps] });
    expect(created.errors).toEqual([]);
    expect(created.promotion?.categoryIds).toEqual([caps, hats].sort());
    const updated = await update(created.promotion!.id, { name: 'Heads', kind: 'PERCENTAGE', value: 100, categorySlugs: [ghostSlug] });
    expect(updated.errors.map((e) => e.code)).toEqual(['UNKNOWN_CATEGORY']);
    const reread = await promotions.call(PromotionByIdDocument, { id: created.promotion!.id }, adminCaller());
    expect(reread.data?.promotion?.categoryIds).toEqual([caps, hats].sort());
  });

  it('refuses unknown or too many categories written inline in the mutation like those sent as variables', async () => {
    const hats = unique('hats');
    await knownCategories(promotions, [hats]);
    const before = await totalCount();
    const inline = async (categories: string) => {
      // Raw on purpose: the categories are written inline as literals, the case this test is about.
      const result = await promotions.call<{
        createPromotion: { promotion: { id: string; categoryIds: string[] | null } | null; errors: PromotionPayloadFieldsFragment['errors'] };
      }>(
        `mutation { createPromotion(input: { name: "Inline", kind: PERCENTAGE, value: 100, ${categories} }) { promotion { id categoryIds } errors { code field message } } }`,
        {},
        adminCaller(),
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createPromotion;
    };
    const [ghostId, ghostSlug] = [unique('ghost'), unique('ghost')];
    const quoted = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
    expect(await inline(`categoryIds: ${quoted([hats, ghostId])}`)).toEqual({
      promotion: null,
      errors: [{ code: 'UNKNOWN_CATEGORY', field: 'categoryIds', message: `Unknown category ids: ${ghostId}` }],
    });
    expect(await inline(`categorySlugs: ${quoted([ghostSlug])}`)).toEqual({
      promotion: null,
      errors: [{ code: 'UNKNOWN_CATEGORY', field: 'categorySlugs', message: `Unknown category slugs: ${ghostSlug}` }],
    });
    const many = Array.from({ length: 501 }, (_, i) => `s${i}`);
    expect(await inline(`categorySlugs: ${quoted(many)}`)).toEqual({
      promotion: null,
      errors: [{ code: 'INVALID_FIELD', field: 'categorySlugs', message: 'categorySlugs: at most 500 ids' }],
    });
    expect(await create({ name: 'Variables', kind: 'PERCENTAGE', value: 100, categorySlugs: many })).toEqual({
      promotion: null,
      errors: [{ code: 'INVALID_FIELD', field: 'categorySlugs', message: 'categorySlugs: at most 500 ids' }],
    });
    expect(await totalCount()).toBe(before);
    // A known slug inline is stored as its id (knownCategories gives each category its id as slug).
    expect(await inline(`categorySlugs: ${quoted([hats])}`)).toEqual({ promotion: { id: expect.any(String), categoryIds: [hats] }, errors: [] });
  });

  it('keeps coupon codes unique in any letter case, also on update', async () => {
    const code = couponCode();
    await createPromotion(promotions, { name: 'first', kind: 'PERCENTAGE', value: 100, couponCode: code });
    const taken = { promotion: null, errors: [{ code: 'COUPON_TAKEN', field: 'couponCode', message: 'Another promotion has this coupon code' }] };
    expect(await create({ name: 'second', kind: 'PERCENTAGE', value: 200, couponCode: code.toLowerCase() })).toEqual(taken);
    const other = await createPromotion(promotions, { name: 'other', kind: 'PERCENTAGE', value: 300, couponCode: couponCode() });
    expect(await update(other.id, { name: 'other', kind: 'PERCENTAGE', value: 300, couponCode: code })).toEqual(taken);
    expect((await outboxFor(promotions, other.id)).map((event) => event.type)).toEqual(['promotion.created']);
  });

  it('admins update and deactivate promotions, each change announced once', async () => {
    const promotion = await createPromotion(promotions, { name: 'Spring', kind: 'PERCENTAGE', value: 1000, categoryIds: ['hats'] });
    const updated = await update(promotion.id, { name: 'Spring+', kind: 'FIXED_AMOUNT', value: 250, currency: 'USD', usageLimit: 3 });
    expect(updated.promotion).toMatchObject({
      id: promotion.id,
      name: 'Spring+',
      kind: 'FIXED_AMOUNT',
      value: 250,
      currency: 'USD',
      categoryIds: [],
      usageLimit: 3,
      active: true,
    });
    const deactivated = await deactivate(promotion.id);
    expect(deactivated).toEqual({ promotion: { ...updated.promotion, active: false }, errors: [] });
    expect(await deactivate(promotion.id)).toEqual(deactivated);
    const events = await outboxFor(promotions, promotion.id);
    expect(events.map((event) => [event.type, event.data.name, event.data.active])).toEqual([
      ['promotion.created', 'Spring', true],
      ['promotion.updated', 'Spring+', true],
      ['promotion.deactivated', 'Spring+', false],
    ]);
  });

  it('answers NOT_FOUND for unknown ids and BAD_USER_INPUT for malformed ones', async () => {
    const notFound = { promotion: null, errors: [{ code: 'NOT_FOUND', field: 'id', message: 'No promotion has this id' }] };
    const id = randomUUID();
    expect(await update(id, { name: 'x', kind: 'PERCENTAGE', value: 1 })).toEqual(notFound);
    expect(await deactivate(id)).toEqual(notFound);
    expect((await promotions.call(PromotionByIdDocument, { id }, adminCaller())).data).toEqual({ promotion: null });
    expect(codes(await promotions.call(DeactivatePromotionDocument, { id: 'nope' }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
    expect(codes(await promotions.call(PromotionByIdDocument, { id: 'nope' }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'id must be a UUID']]);
  });

  it('customers get FORBIDDEN and anonymous callers UNAUTHENTICATED on every admin operation', async () => {
    const promotion = await createPromotion(promotions, { name: 'Guarded', kind: 'PERCENTAGE', value: 100 });
    const input: PromotionInput = { name: 'x', kind: 'PERCENTAGE', value: 1 };
    const operations: Array<(caller?: Caller) => Promise<Parameters<typeof codes>[0]>> = [
      (caller) => promotions.call(CreatePromotionDocument, { input }, caller),
      (caller) => promotions.call(UpdatePromotionDocument, { id: promotion.id, input }, caller),
      (caller) => promotions.call(DeactivatePromotionDocument, { id: promotion.id }, caller),
      (caller) => promotions.call(PromotionByIdDocument, { id: promotion.id }, caller),
      (caller) => promotions.call(PromotionListDocument, {}, caller),
    ];
    for (const operation of operations) {
      expect(codes(await operation(customerCaller()))?.map(([code]) => code)).toEqual(['FORBIDDEN']);
      expect(codes(await operation())?.map(([code]) => code)).toEqual(['UNAUTHENTICATED']);
    }
    expect((await promotions.call(PromotionByIdDocument, { id: promotion.id }, adminCaller())).data).toMatchObject({
      promotion: { name: 'Guarded', active: true },
    });
  });

  it('resolves Promotion references in one query; only admins see coupon codes', async () => {
    const code = couponCode();
    const [a, b] = [
      await createPromotion(promotions, { name: 'A', kind: 'PERCENTAGE', value: 100, couponCode: code }),
      await createPromotion(promotions, { name: 'B', kind: 'PERCENTAGE', value: 200 }),
    ];
    const reps = [a.id, b.id, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: 'Promotion', id }));
    const view = (caller?: { userId: string; roles: string[] }) => promotions.call(PromotionRefsDocument, { representations: reps }, caller);
    expect((await view(customerCaller())).data).toEqual({
      _entities: [{ id: a.id, name: 'A', automatic: false, couponCode: null }, { id: b.id, name: 'B', automatic: true, couponCode: null }, null, null],
    });
    expect((await view(adminCaller())).data).toMatchObject({ _entities: [{ couponCode: code }, { couponCode: null }, null, null] });
  });

  it('lists promotions newest first, paginated, optionally only active ones', async () => {
    const names = [unique('a'), unique('b'), unique('c')];
    const created = [];
    for (const name of names) created.push(await createPromotion(promotions, { name, kind: 'PERCENTAGE', value: 100, couponCode: couponCode() }));
    await promotions.call(DeactivatePromotionDocument, { id: created[1]!.id }, adminCaller());
    await createPromotion(promotions, {
      name: unique('ended'),
      kind: 'PERCENTAGE',
      value: 100,
      couponCode: couponCode(),
      startsAt: '2020-01-01T00:00:00Z',
      endsAt: '2020-02-01T00:00:00Z',
    });
    const list = async (variables: PromotionListQueryVariables) => (await promotions.call(PromotionListDocument, variables, adminCaller())).data!.promotions;
    const all = await list({ first: 100 });
    const first = await list({ first: 2 });
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(first.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(0, 2).map((edge) => edge.node.id));
    expect(second.edges.map((edge) => edge.node.id)).toEqual(all.edges.slice(2, 4).map((edge) => edge.node.id));
    expect([first.pageInfo.hasPreviousPage, second.pageInfo.hasPreviousPage, first.pageInfo.hasNextPage]).toEqual([false, true, true]);
    const mine = (page: PromotionListQuery['promotions']) => page.edges.map((edge) => edge.node.name).filter((name) => names.includes(name));
    expect(mine(all)).toEqual([names[2], names[1], names[0]]);
    const active = await list({ first: 100, activeOnly: true });
    expect(mine(active)).toEqual([names[2], names[0]]);
    expect(active.edges.some((edge) => edge.node.name.startsWith('ended'))).toBe(false);
    expect(all.totalCount - active.totalCount).toBeGreaterThanOrEqual(2);
    expect(codes(await promotions.call(PromotionListDocument, { first: 101 }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 100']]);
    expect(codes(await promotions.call(PromotionListDocument, { after: 'bogus' }, adminCaller()))).toEqual([['BAD_USER_INPUT', 'after is not a valid cursor']]);
  });
});
