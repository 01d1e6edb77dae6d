/** An error as stored in Redis: enough to log it and to rebuild an `Error` in another process. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** Reduces any thrown value to a {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      code: typeof code === 'string' ? code : undefined,
      stack: error.stack,
    };
  }
  return {
    name: 'NonErrorThrown',
    message: typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)),
  };
}

/** Rebuilds an `Error` with the stored name, message, code and stack. */
export function reviveError(value: unknown): Error {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<string, unknown>
  >;
  const error = new Error(typeof record['message'] === 'string' ? record['message'] : 'unknown error');
  error.name = typeof record['name'] === 'string' ? record['name'] : 'Error';
  if (typeof record['code'] === 'string') Object.assign(error, { code: record['code'] });
  if (typeof record['stack'] === 'string') error.stack = record['stack'];
  return error;
}
