// call.ts: the respondent page's requests, with the link's token, and the
// plain-English text of what went wrong.
import type { TypedDocumentString } from '../generated/graphql';
import { ApiError, gqlAs } from '../api';
import { takeLink } from './link';

/** call runs an operation with the link's token. */
export function call<R, V>(doc: TypedDocumentString<R, V>, variables: V): Promise<R> {
  return gqlAs(takeLink(), doc, variables);
}

/** asApiError turns anything thrown into an ApiError. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(String(err), 'UNAVAILABLE');
}

/** problem says what went wrong in words a respondent can act on. */
export function problem(e: ApiError): string {
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return 'This link no longer works. It may have run out, or a newer link may have been sent to you. Please ask the person who sent it for a new one.';
    case 'CONFLICT':
      return 'Your answers were sent already, so they cannot be sent again. You can still see and correct what we hold about you.';
    case 'RATE_LIMITED':
      return 'Too many tries in a short time. Please wait a minute and try again.';
    case 'UNAVAILABLE':
    case 'INTERNAL':
      return 'Something went wrong on our side, and nothing was lost. Please try again in a moment.';
    default:
      return `That did not work: ${e.message}`;
  }
}
