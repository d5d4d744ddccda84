import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { SearchInputError } from '../search/index.js';
import { UnknownVersionError } from '../store/esco-store.js';
import { StoreServerError } from '../store/sparql-server-backend.js';
import { InvalidIriError } from '../store/queries/concepts.js';

export const badUserInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** Domain errors that mean "the request is wrong", answered as BAD_USER_INPUT instead of an internal error. */
const USER_ERRORS = [InvalidIriError, UnknownVersionError, SearchInputError, RangeError];

/** The SPARQL server is down or failing (not our query's fault): a client may try again, unlike an internal error. */
const storeUnavailable = (error: unknown) => error instanceof StoreServerError && (error.status === undefined || error.status >= 500);

/**
 * Gives domain errors their codes (STORE_UNAVAILABLE when the SPARQL server cannot answer), and keeps stack traces
 * out of answers except under NODE_ENV=development.
 * Apollo already omits stack traces when includeStacktraceInErrorResponses is off; this also covers
 * errors that carry a stack in their extensions from elsewhere.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const isUserError = USER_ERRORS.some((type) => original instanceof type);
  const code = isUserError ? 'BAD_USER_INPUT' : storeUnavailable(original) ? 'STORE_UNAVAILABLE' : undefined;
  const extensions: Record<string, unknown> = { ...formatted.extensions, ...(code ? { code } : {}) };
  if (process.env.NODE_ENV !== 'development') delete extensions.stacktrace;
  return { ...formatted, extensions };
}
