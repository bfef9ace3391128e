import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Min, ValidateNested, validate } from 'class-validator';
import { toFieldValidationErrors } from './field-validation-error.js';

class LineDto {
  @IsString()
  text!: string;
}

class ScriptDto {
  @IsInt()
  @Min(1)
  version!: number;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

describe('toFieldValidationErrors', () => {
  it('lists each invalid field once, by its path from the root, with all its messages', async () => {
    const script = plainToInstance(ScriptDto, { version: 0.5, lines: [{ text: 'ok' }, { text: 7 }] });

    const fields = toFieldValidationErrors(await validate(script));

    expect(fields).toEqual([
      { field: 'version', messages: expect.arrayContaining(['version must not be less than 1', 'version must be an integer number']) },
      { field: 'lines.1.text', messages: ['text must be a string'] },
    ]);
    expect(fields[0].messages).toHaveLength(2);
  });

  it('returns nothing for a valid object', async () => {
    const script = plainToInstance(ScriptDto, { version: 2, lines: [{ text: 'hello' }] });

    expect(toFieldValidationErrors(await validate(script))).toEqual([]);
  });
});
