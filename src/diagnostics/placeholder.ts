// `${NAME}`: a placeholder for an environment variable, filled in when the body is sent (DESIGN §1).

export const PLACEHOLDER = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && PLACEHOLDER.test(value);
}
