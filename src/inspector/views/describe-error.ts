/** An error as the page shows it. */
export interface ErrorView {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

const MAX_MESSAGE_CHARS = 2000;
const MAX_STACK_LINES = 25;

/** Turns whatever a handler threw into plain text fields; never throws. */
export function describeError(error: unknown): ErrorView {
  try {
    if (error instanceof Error) {
      const stack = error.stack?.split('\n').slice(0, MAX_STACK_LINES).join('\n');
      return {
        name: error.name,
        message: truncate(error.message),
        ...(stack === undefined ? {} : { stack }),
      };
    }
    return { name: typeof error, message: truncate(String(error)) };
  } catch {
    return { name: 'unknown', message: '(the error could not be described)' };
  }
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`;
}
