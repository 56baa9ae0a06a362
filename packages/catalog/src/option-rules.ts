import { randomUUID } from 'node:crypto';
import { CatalogVariantError } from './catalog-errors';
import type { ValidProductChange } from './variant-input';
import type { ProductOption, ProductVariant } from './variant-model';

/** A product's options and variants: what the rules of `variant-rules.ts` and this file change. */
export interface VariantState {
  options: ProductOption[];
  variants: ProductVariant[];
}

type OptionChange = Extract<
  ValidProductChange,
  { kind: 'addOption' | 'updateOption' | 'deleteOption' | 'addOptionValues' | 'updateOptionValue' | 'deleteOptionValue' }
>;

export const fold = (name: string): string => name.normalize('NFKC').toLowerCase();
export const fail = (code: CatalogVariantError['code'], field: string, message: string): never => {
  throw new CatalogVariantError(code, field, message);
};

function optionOf(state: VariantState, optionId: string): ProductOption {
  return state.options.find((option) => option.id === optionId) ?? fail('UNKNOWN_OPTION', 'optionId', `No option of the product has id ${optionId}`);
}

function newValues(option: ProductOption | null, names: readonly string[]): ProductOption['values'] {
  const taken = new Set(option?.values.map((value) => fold(value.name)));
  return names.map((name) => {
    if (taken.has(fold(name))) fail('DUPLICATE_OPTION', 'values', `Value ${JSON.stringify(name)} is given twice or exists already`);
    taken.add(fold(name));
    return { id: randomUUID(), name };
  });
}

export const insertAt = <T>(list: readonly T[], item: T, position: number | undefined): T[] => {
  const index = position === undefined ? list.length : Math.max(0, Math.min(position, list.length));
  return [...list.slice(0, index), item, ...list.slice(index)];
};

/** The option and option-value changes; variants follow (a new option's first value, a moved option's position). */
export function applyOptionChange(state: VariantState, change: OptionChange): VariantState {
  const { options, variants } = state;
  switch (change.kind) {
    case 'addOption': {
      if (options.some((option) => fold(option.name) === fold(change.name)))
        fail('DUPLICATE_OPTION', 'name', `The product already has an option ${JSON.stringify(change.name)}`);
      const option: ProductOption = { id: randomUUID(), name: change.name, values: newValues(null, change.values) };
      const nextOptions = insertAt(options, option, change.position);
      const index = nextOptions.indexOf(option);
      return { options: nextOptions, variants: variants.map((v) => ({ ...v, optionValueIds: insertAt(v.optionValueIds, option.values[0]!.id, index) })) };
    }
    case 'updateOption': {
      const option = optionOf(state, change.optionId);
      if (change.name !== undefined && options.some((other) => other.id !== option.id && fold(other.name) === fold(change.name!))) {
        fail('DUPLICATE_OPTION', 'name', `The product already has an option ${JSON.stringify(change.name)}`);
      }
      const from = options.indexOf(option);
      const renamed = { ...option, name: change.name ?? option.name };
      const rest = options.filter((other) => other !== option);
      const nextOptions = insertAt(rest, renamed, change.position ?? from);
      const to = nextOptions.indexOf(renamed);
      const move = (ids: string[]) =>
        insertAt(
          ids.filter((_, i) => i !== from),
          ids[from]!,
          to,
        );
      return { options: nextOptions, variants: variants.map((v) => ({ ...v, optionValueIds: move(v.optionValueIds) })) };
    }
    case 'deleteOption': {
      const option = optionOf(state, change.optionId);
      const index = options.indexOf(option);
      return {
        options: options.filter((other) => other !== option),
        variants: variants.map((v) => ({ ...v, optionValueIds: v.optionValueIds.filter((_, i) => i !== index) })),
      };
    }
    case 'addOptionValues': {
      const option = optionOf(state, change.optionId);
      return { options: options.map((o) => (o === option ? { ...o, values: [...o.values, ...newValues(o, change.values)] } : o)), variants };
    }
    case 'updateOptionValue': {
      const option = optionOf(state, change.optionId);
      if (!option.values.some((value) => value.id === change.valueId))
        fail('UNKNOWN_OPTION_VALUE', 'valueId', `Option ${JSON.stringify(option.name)} has no value ${change.valueId}`);
      if (option.values.some((value) => value.id !== change.valueId && fold(value.name) === fold(change.name)))
        fail('DUPLICATE_OPTION', 'name', `Option ${JSON.stringify(option.name)} already has a value ${JSON.stringify(change.name)}`);
      const values = option.values.map((value) => (value.id === change.valueId ? { ...value, name: change.name } : value));
      return { options: options.map((o) => (o === option ? { ...o, values } : o)), variants };
    }
    case 'deleteOptionValue': {
      const option = optionOf(state, change.optionId);
      if (!option.values.some((value) => value.id === change.valueId))
        fail('UNKNOWN_OPTION_VALUE', 'valueId', `Option ${JSON.stringify(option.name)} has no value ${change.valueId}`);
      if (variants.some((variant) => variant.optionValueIds.includes(change.valueId)))
        fail('OPTION_VALUE_IN_USE', 'valueId', 'Variants still have this value; delete or change them first');
      return { options: options.map((o) => (o === option ? { ...o, values: o.values.filter((value) => value.id !== change.valueId) } : o)), variants };
    }
  }
}
