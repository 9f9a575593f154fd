import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { asAdmin, bodyOf, capture, createTestContext, type TestContext } from '../helpers/app.ts';

type ProblemBody = {
  title: string;
  code: string;
  detail?: string;
  invalid_params?: { name: string; reason: string; code?: string }[];
};

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => ctx.reset());

const RUSSIAN = { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' };

describe('problem bodies in the language the client reads', () => {
  test('a rejected capture names its fields in Russian when asked, in English otherwise', async () => {
    const lead = { name: 'Иван Петров', email: 'ivan@', phone: '12' };
    const russian = await capture(ctx, lead, RUSSIAN);
    assert.equal(russian.statusCode, 422);
    const problem = bodyOf<ProblemBody>(russian);
    assert.equal(problem.code, 'validation_failed');
    assert.equal(problem.title, 'В запросе есть неверные поля');
    assert.deepEqual(problem.invalid_params, [
      { name: 'email', reason: 'не адрес электронной почты (нужно имя@домен)', code: 'invalid_email' },
      { name: 'phone', reason: 'неверный номер телефона', code: 'invalid_phone' },
    ]);
    assert.equal(
      problem.detail,
      'email: не адрес электронной почты (нужно имя@домен); phone: неверный номер телефона',
    );

    const english = bodyOf<ProblemBody>(await capture(ctx, lead));
    assert.equal(english.title, 'The request has invalid fields');
    assert.deepEqual(
      english.invalid_params?.map((p) => p.reason),
      ['is not an email address (name@domain expected)', 'is not a valid phone number'],
    );
  });

  test('schema validation of a route speaks Russian too', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { ...asAdmin, ...RUSSIAN },
      payload: { code: 'Bad Code', name: '' },
    });
    assert.equal(response.statusCode, 422);
    const reasons = Object.fromEntries(
      (bodyOf<ProblemBody>(response).invalid_params ?? []).map((p) => [p.name, p.reason]),
    );
    assert.deepEqual(reasons, {
      code: 'строчные латинские буквы, цифры, _ и -, до 64 символов',
      name: 'не может быть пустым',
    });

    const missing = await ctx.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { ...asAdmin, ...RUSSIAN },
      payload: { code: 'site' },
    });
    assert.deepEqual(bodyOf<ProblemBody>(missing).invalid_params, [
      { name: 'name', reason: 'обязательное поле' },
    ]);
  });

  test('a missing card is reported in Russian with its id', async () => {
    const id = '0190aa00-0000-7000-8000-000000000000';
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/leads/${id}`,
      headers: { ...asAdmin, ...RUSSIAN },
    });
    assert.equal(response.statusCode, 404);
    const problem = bodyOf<ProblemBody>(response);
    assert.equal(problem.code, 'not_found');
    assert.equal(problem.title, 'Не найдено');
    assert.equal(problem.detail, `Не найдено: лид ${id}`);
  });
});
