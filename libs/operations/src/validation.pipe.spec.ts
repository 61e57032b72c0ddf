import { Type } from 'class-transformer';
import { IsArray, IsNumber, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DomainError } from '@ereceipt/contracts';
import { hubValidationPipe } from './validation.pipe';

class LineDto {
  @IsString() @MaxLength(5) name!: string;
  @IsNumber() quantity!: number;
}

class BodyDto {
  @IsString() currency!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
}

const validate = (body: unknown) => hubValidationPipe().transform(body, { type: 'body', metatype: BodyDto });

describe('the hub validation pipe: one 400 naming every bad field, unknown ones included', () => {
  it('names nested fields by path, unknown fields, and merges two rules of one field', async () => {
    const error = await validate({ currency: 7, extra: true, lines: [{ name: 'ok', quantity: 1 }, { name: 123456, quantity: '2', colour: 'red' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'HTTP.INVALID_REQUEST', kind: 'invalid' });
    const issues = (error as DomainError).details as { issues: Array<{ field: string; message: string }> };
    expect(issues.issues.map((i) => i.field).sort()).toEqual(['currency', 'extra', 'lines[1].colour', 'lines[1].name', 'lines[1].quantity']);
    expect(issues.issues.find((i) => i.field === 'extra')?.message).toMatch(/not a field of this request/);
    expect(issues.issues.find((i) => i.field === 'lines[1].name')?.message).toBe('must be shorter than or equal to 5 characters; must be a string');
    expect((error as DomainError).message).toContain('lines[1].quantity: must be a number');
  });

  it('lets a good body through, transformed', async () => {
    await expect(validate({ currency: 'USD', lines: [{ name: 'ok', quantity: 1 }] })).resolves.toBeInstanceOf(BodyDto);
  });
});
