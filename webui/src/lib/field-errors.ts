import { ApiError, type FieldError } from './api-client';

export interface SplitFieldErrors {
  /** Messages per form field, for the fields the form shows; several per field are joined. */
  readonly byField: Readonly<Record<string, string>>;
  /** The rest, as one sentence for the form's alert: the problem's title and detail, plus field errors no field shows. */
  readonly summary: string;
}

/**
 * Sorts a failure's field errors onto the fields a form shows. `fieldOf` maps the
 * server's path ("roleMapping[admins]") to the form's field name, or undefined for a
 * path the form has no field for; those stay in the summary so nothing is lost.
 */
export function splitFieldErrors(
  error: unknown,
  fieldOf: (path: string) => string | undefined = (path) => path,
): SplitFieldErrors {
  if (!(error instanceof ApiError)) {
    return { byField: {}, summary: error instanceof Error ? error.message : String(error) };
  }
  if (error.fieldErrors.length === 0) {
    return { byField: {}, summary: error.message };
  }
  const byField: Record<string, string> = {};
  const unmatched: FieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fieldError.field ? fieldOf(fieldError.field) : undefined;
    if (field === undefined) {
      unmatched.push(fieldError);
    } else {
      byField[field] = byField[field] ? `${byField[field]}; ${fieldError.message}` : fieldError.message;
    }
  }
  const headline = error.title ?? error.message;
  const sentences = [headline.replace(/[.!?]?$/, '.')];
  if (Object.keys(byField).length > 0) {
    sentences.push('Check the highlighted fields.');
  }
  if (unmatched.length > 0) {
    sentences.push(unmatched.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
  }
  return { byField, summary: sentences.join(' ') };
}
