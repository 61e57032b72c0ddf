import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '@ereceipt/contracts';

/** At most this many issues are listed in `details.issues` (the rest counted in `details.more`). */
export const MAX_ISSUES = 100;

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * The bad fields of a request body as `{field, message}` (nested ones as `lines[1].unitPrice`), every
 * one of them: the same shape as a use case's 400 (`details.issues`), so a client reads one format.
 */
export function validationIssues(errors: readonly ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((e) => {
    const field = parent === '' ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({
      field,
      // class-validator writes "property x should not exist" and "amount must be a string": keep the words after the name.
      message: rule === 'whitelistValidation' ? 'is not a field of this request (unknown fields are refused)' : message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message,
    }));
    return [...own, ...validationIssues(e.children ?? [], field)];
  });
}

/** Several rules broken by one field (too long, and not a string) make one issue: `a; b`. */
export function oneIssuePerField(issues: readonly FieldIssue[]): FieldIssue[] {
  const byField = new Map<string, string[]>();
  for (const i of issues) byField.set(i.field, [...(byField.get(i.field) ?? []), i.message]);
  return [...byField].map(([field, messages]) => ({ field, message: messages.join('; ') }));
}

/**
 * The hub's one validation pipe: DTO shapes (class-validator), unknown fields refused
 * (`forbidNonWhitelisted`), and one 400 `HTTP.INVALID_REQUEST` naming every bad field at once.
 */
export function hubValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const all = oneIssuePerField(validationIssues(errors));
      // Every bad field is named; a body of 50,000 unknown keys gets the first 100 and a count, not a 5 MB answer.
      const issues = all.slice(0, MAX_ISSUES);
      const more = all.length - issues.length;
      const message = issues.slice(0, 20).map((i) => `${i.field}: ${i.message}`).join(' | ') + (all.length > 20 ? ` | ... ${all.length - 20} more` : '');
      return new DomainError('HTTP.INVALID_REQUEST', message || 'the request body is not valid', 'invalid', more > 0 ? { issues, more } : { issues });
    },
  });
}
