import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from '@ereceipt/contracts';

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
      const issues = oneIssuePerField(validationIssues(errors));
      return new DomainError('HTTP.INVALID_REQUEST', issues.map((i) => `${i.field}: ${i.message}`).join(' | ') || 'the request body is not valid', 'invalid', { issues });
    },
  });
}
