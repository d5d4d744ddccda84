import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { SearchInputError } from '../search/index.js';
import { UnknownVersionError } from '../store/esco-store.js';
import { InvalidIriError } from '../store/queries/concepts.js';

export const badUserInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Domain errors that mean "the request is wrong", answered as BAD_USER_INPUT instead of an internal error. */
const USER_ERRORS = [InvalidIriError, UnknownVersionError, SearchInputError, RangeError];

/**
 * Gives domain errors their codes, and keeps stack traces out of answers except under NODE_ENV=development.
 * Apollo already omits stack traces when includeStacktraceInErrorResponses is off; this also covers
 * errors that carry a stack in their extensions from elsewhere.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const isUserError = USER_ERRORS.some((type) => original instanceof type);
  const extensions: Record<string, unknown> = { ...formatted.extensions, ...(isUserError ? { code: 'BAD_USER_INPUT' } : {}) };
  if (process.env.NODE_ENV !== 'development') delete extensions.stacktrace;
  return { ...formatted, extensions };
}
