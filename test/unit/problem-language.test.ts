import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { localizeProblem, translateProblemText } from '../../src/http/i18n/localizeProblem.ts';
import { requestLocale } from '../../src/http/i18n/requestLocale.ts';
import type { Problem } from '../../src/schemas/problem.ts';

describe('the language of problem bodies', () => {
  test('follows Accept-Language by preference, English when Russian is not asked for', () => {
    const locale = (header?: string) =>
      requestLocale({ headers: header === undefined ? {} : { 'accept-language': header } });
    assert.equal(locale('ru'), 'ru');
    assert.equal(locale('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7'), 'ru');
    assert.equal(locale('en-US,en;q=0.9,ru;q=0.8'), 'en');
    assert.equal(locale('de-DE,de;q=0.9'), 'en');
    assert.equal(locale(undefined), 'en');
  });

  test('translates exact texts and texts with varying parts, keeping the parts', () => {
    assert.equal(translateProblemText('no such user', 'ru'), 'нет такого пользователя');
    assert.equal(
      translateProblemText('Anna Petrova is absent now', 'ru'),
      'Anna Petrova: сейчас отсутствует',
    );
    assert.equal(
      translateProblemText('Lead 0190aa00-0000-7000-8000-000000000000 does not exist', 'ru'),
      'Не найдено: лид 0190aa00-0000-7000-8000-000000000000',
    );
    assert.equal(
      translateProblemText('Invalid option: expected one of "a"|"b"', 'ru'),
      'Неверный вариант: ожидалось одно из "a"|"b"',
    );
    assert.equal(translateProblemText('no such user', 'en'), 'no such user');
  });

  test('puts counted nouns in the right Russian form', () => {
    const tooLong = (n: number) =>
      translateProblemText(`Too big: expected string to have <=${n} characters`, 'ru');
    assert.equal(tooLong(1), 'Слишком длинно: не более 1 символа');
    assert.equal(tooLong(21), 'Слишком длинно: не более 21 символа');
    assert.equal(tooLong(11), 'Слишком длинно: не более 11 символов');
    assert.equal(tooLong(200), 'Слишком длинно: не более 200 символов');
    assert.equal(translateProblemText('must be at most 22 characters', 'ru'), 'не более 22 символов');
  });

  test('calls a missing field required and a wrong type by its names', () => {
    assert.equal(
      translateProblemText('Invalid input: expected string, received undefined', 'ru'),
      'обязательное поле',
    );
    assert.equal(
      translateProblemText('Invalid input: expected string, received number', 'ru'),
      'неверный тип: ожидается «строка», получено «число»',
    );
  });

  test('leaves a text the catalog does not know as it is', () => {
    assert.equal(translateProblemText('something only English has', 'ru'), 'something only English has');
  });

  test('rebuilds a detail that lists the fields from the translated reasons; names and codes stay', () => {
    const problem: Problem = {
      type: 'https://leadflow.dev/problems/validation-failed',
      title: 'The request has invalid fields',
      status: 422,
      code: 'validation_failed',
      detail: 'email: has an invalid domain; phone: has no digits',
      invalid_params: [
        { name: 'email', reason: 'has an invalid domain', code: 'invalid_email' },
        { name: 'phone', reason: 'has no digits', code: 'invalid_phone' },
      ],
    };
    const ru = localizeProblem(problem, 'ru');
    assert.equal(ru.title, 'В запросе есть неверные поля');
    assert.equal(ru.detail, 'email: неверный домен; phone: нет цифр');
    assert.deepEqual(ru.invalid_params, [
      { name: 'email', reason: 'неверный домен', code: 'invalid_email' },
      { name: 'phone', reason: 'нет цифр', code: 'invalid_phone' },
    ]);
    assert.equal(ru.code, 'validation_failed');
    assert.equal(localizeProblem(problem, 'en'), problem);
  });

  test('every fixed problem text the code writes has its Russian', () => {
    // Texts written where problems are made: refusals, conflicts, reasons and messages of fields,
    // and the schemas' own messages. Texts with a space only: snake_case words are codes, not prose.
    const written =
      /(?:forbidden\(|conflict\(|reason: |message: |\.(?:min|max|regex|refine|int)\([^'"`]*?,\s*)'([^'\n]*\s[^'\n]*)'/g;
    // Matched by the pattern, but no problem's text: a log line and a schema description.
    const notProblemTexts = new Set([
      'inquiry could not be prepared; kept as failed',
      'Converted leads of the cohort (the sum of the buckets)',
    ]);
    const root = new URL('../../src/', import.meta.url);
    const untranslated: string[] = [];
    for (const area of ['http', 'services', 'schemas', 'domain']) {
      const files = readdirSync(new URL(`${area}/`, root), { recursive: true, encoding: 'utf8' });
      for (const file of files.filter((f) => f.endsWith('.ts') && !f.startsWith('i18n'))) {
        const source = readFileSync(new URL(`${area}/${file}`, root), 'utf8');
        for (const [, text] of source.matchAll(written)) {
          if (text && !notProblemTexts.has(text) && translateProblemText(text, 'ru') === text)
            untranslated.push(`${area}/${file}: ${text}`);
        }
      }
    }
    assert.deepEqual(untranslated, [], 'add these to src/http/i18n/problemTextRu.ts');
  });
});
