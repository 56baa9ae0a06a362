import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { OperationLimits } from './router-options';

/** `extensions.limit` on a rejected operation, so clients can tell which limit they hit. */
export type LimitName = 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost';

/**
 * graphql-armor's checks as validation rules. Apollo reports them as GRAPHQL_VALIDATION_FAILED
 * (HTTP 400) before planning; our reporter adds `extensions.limit` and drops armor's misleading
 * "Syntax Error:" prefix.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const report = (limit: LimitName) => ({
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit } })),
    ],
  });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, ...report('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...report('maxAliases') },
    maxDirectives: { n: limits.maxDirectives, ...report('maxDirectives') },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...report('maxCost') },
    // Apollo's own `hideSchemaDetailsFromClientErrors` and graphql-js `maxTokens` parse option
    // cover these natively, with Apollo's error codes.
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
  });
  return armor.protect().validationRules;
}
