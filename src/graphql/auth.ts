import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.js';

/** Mutations call this first: the server is read-only unless the request carries the configured write token. */
export function requireWrite(context: GraphQLContext): void {
  if (!context.canWrite) {
    throw new GraphQLError('this operation writes: send Authorization: Bearer <ESCOGRAPH_WRITE_TOKEN>', {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
}
