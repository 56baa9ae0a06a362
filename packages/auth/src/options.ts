/** Throws a TypeError naming the option unless `value` is a non-empty string. */
export function requireText(owner: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new TypeError(`${owner}: option "${name}" must be a non-empty string`);
  }
  return value;
}

/** Throws a RangeError naming the option unless `value` is an integer in [min, max]. */
export function requireInteger(owner: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${owner}: option "${name}" must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Validates a list of role names (non-empty strings) given to a token producer. */
export function requireRoles(owner: string, roles: unknown): string[] {
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string' && role.length > 0)) {
    throw new TypeError(`${owner}: "roles" must be an array of non-empty strings`);
  }
  return roles;
}
