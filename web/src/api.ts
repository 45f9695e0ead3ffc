// api.ts is the dashboard's one way to the API: POST /graphql with the
// operation text generated from src/graphql/*.graphql and its typed
// variables, the key (when one was typed) as a Bearer token.
import type { TypedDocumentString } from './generated/graphql';
import { getKey } from './auth';

/** ApiError is an answer with errors: code is extensions.code (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, ...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** gql runs an operation with the dashboard's key and returns its data, or throws ApiError. */
export function gql<R, V>(doc: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  return gqlAs(getKey(), doc, variables, signal);
}

/** gqlAs runs an operation with a Bearer credential (an API key or a survey link's token; none when null). */
export async function gqlAs<R, V>(credential: string | null, doc: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  const started = performance.now();
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (credential) headers.Authorization = `Bearer ${credential}`;
  const res = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: doc.toString(), variables }),
    signal,
    credentials: 'omit',
  });
  let body: GraphQLResponse<R>;
  try {
    body = (await res.json()) as GraphQLResponse<R>;
  } catch {
    throw new ApiError(`the server answered ${res.status} without a GraphQL body`, res.status === 429 ? 'RATE_LIMITED' : 'INTERNAL');
  }
  // A user timing per operation (answer received and parsed), read by the benchmarks and the browser's profiler.
  performance.measure(`gql ${operationName(doc.toString())}`, { start: started });
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code ?? 'INTERNAL');
  }
  if (!body.data) throw new ApiError('the server answered no data', 'INTERNAL');
  return body.data;
}

/** operationName is the name of the first operation in a document's text. */
function operationName(text: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? 'anonymous';
}
