// Russian for the English texts of problem bodies: titles, field reasons and details. Keys are the
// English texts as the code writes them (gettext style, so no call site changes); `{0}`, `{1}` stand
// for the parts that vary and come back in the translation. An entry may also be a function of those
// parts, for Russian plurals. Texts not listed stay English.

export type Translation = string | ((...parts: string[]) => string);

/** 1 символ, 2 символа, 5 символов. */
function plural(count: string, one: string, few: string, many: string): string {
  const n = Math.abs(Number(count)) % 100;
  const last = n % 10;
  if (n >= 11 && n <= 19) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** After "не более" / "не менее" the noun is genitive: 1 символа, 5 символов. */
const genitive = (count: string, singular: string, pluralForm: string) =>
  `${count} ${plural(count, singular, pluralForm, pluralForm)}`;

const TYPE_NAMES: Record<string, string> = {
  string: 'строка',
  number: 'число',
  boolean: 'да или нет',
  object: 'объект',
  array: 'массив',
  undefined: 'ничего',
  null: 'null',
  date: 'дата',
};
const typeName = (name: string) => TYPE_NAMES[name] ?? name;

const ENTITY_NAMES: Record<string, string> = {
  Lead: 'лид',
  Task: 'задача',
  'Scoring rule': 'правило скоринга',
  Rule: 'правило',
  Inquiry: 'обращение',
  Form: 'форма',
  Contact: 'контакт',
  Company: 'компания',
  'Duplicate review': 'пара на проверку дублей',
  Deal: 'сделка',
  Channel: 'канал',
  Campaign: 'кампания',
  User: 'пользователь',
  Token: 'токен',
  Team: 'команда',
  Notification: 'уведомление',
  'Cost import': 'загрузка расходов',
  Absence: 'отсутствие',
};

export const PROBLEM_TEXT_RU: [string, Translation][] = [
  // Titles of problem codes.
  ['The request has invalid fields', 'В запросе есть неверные поля'],
  ['The request body could not be read', 'Не удалось прочитать тело запроса'],
  ['Unsupported content type', 'Неподдерживаемый тип содержимого'],
  ['The request body is too large', 'Тело запроса слишком большое'],
  ['Authentication required', 'Нужно войти в систему'],
  ['Not allowed', 'Нет прав'],
  ['Not found', 'Не найдено'],
  ['Conflict', 'Конфликт'],
  [
    'Idempotency key already used for a different request',
    'Ключ идемпотентности уже использован для другого запроса',
  ],
  ['Too many requests', 'Слишком много запросов'],
  ['Internal error', 'Внутренняя ошибка'],
  ['Service unavailable', 'Сервис недоступен'],
  [
    'Something went wrong on our side; the request id helps us find it.',
    'Что-то пошло не так на нашей стороне; номер запроса поможет найти причину.',
  ],
  ['Replay of a request that was rejected', 'Повтор запроса, который был отклонён'],
  ['Use a new Idempotency-Key for a different request.', 'Для другого запроса нужен новый Idempotency-Key.'],

  // Schema validation (zod's English messages).
  [
    'Invalid input: expected {0}, received {1}',
    (e, r) =>
      // A missing field says "expected string, received undefined".
      r === 'undefined'
        ? 'обязательное поле'
        : `неверный тип: ожидается «${typeName(e)}», получено «${typeName(r)}»`,
  ],
  ['Invalid input: expected {0}', 'Неверное значение: ожидалось {0}'],
  ['Invalid option: expected one of {0}', 'Неверный вариант: ожидалось одно из {0}'],
  [
    'Too big: expected string to have <={0} characters',
    (n) => `Слишком длинно: не более ${genitive(n, 'символа', 'символов')}`,
  ],
  [
    'Too small: expected string to have >={0} characters',
    (n) => `Слишком коротко: не менее ${genitive(n, 'символа', 'символов')}`,
  ],
  [
    'Too big: expected array to have <={0} items',
    (n) => `Слишком много: не более ${genitive(n, 'элемента', 'элементов')}`,
  ],
  [
    'Too small: expected array to have >={0} items',
    (n) => `Слишком мало: не менее ${genitive(n, 'элемента', 'элементов')}`,
  ],
  ['Too big: expected {0} to be {1}', 'Слишком большое значение: должно быть {1}'],
  ['Too small: expected {0} to be {1}', 'Слишком маленькое значение: должно быть {1}'],
  ['Invalid email address', 'Неверный адрес электронной почты'],
  ['Invalid URL', 'Неверный URL'],
  ['Invalid UUID', 'Неверный UUID'],
  ['Invalid ISO datetime', 'Неверные дата и время (нужен формат ISO)'],
  ['Invalid ISO date', 'Неверная дата (нужен формат ГГГГ-ММ-ДД)'],
  ['Invalid ISO time', 'Неверное время (нужен формат ЧЧ:ММ)'],
  ['Invalid string: must match pattern {0}', 'Неверная строка: должна соответствовать шаблону {0}'],
  ['Unrecognized keys: {0}', 'Неизвестные поля: {0}'],
  ['Unrecognized key: {0}', 'Неизвестное поле: {0}'],
  ['Invalid input', 'Неверное значение'],

  // The schemas' own messages.
  ['required', 'обязательное поле'],
  ['must not be empty', 'не может быть пустым'],
  ['must not be negative', 'не может быть отрицательным'],
  ['must be a whole number', 'должно быть целым числом'],
  ['must be a decimal number', 'должно быть десятичным числом'],
  [
    'must be a decimal number with at most 2 decimals',
    'должно быть числом не более чем с 2 знаками после запятой',
  ],
  [
    'must be a decimal string with at most 2 decimals, e.g. "12000.00"',
    'должно быть числом-строкой не более чем с 2 знаками после запятой, например "12000.00"',
  ],
  ['must be an email address', 'должен быть адрес электронной почты'],
  ['a three-letter ISO 4217 code', 'трёхбуквенный код валюты ISO 4217'],
  [
    'must be a three-letter ISO 4217 code, e.g. RUB',
    'должен быть трёхбуквенный код валюты ISO 4217, например RUB',
  ],
  ['must be at most {0} characters', (n) => `не более ${genitive(n, 'символа', 'символов')}`],
  ['must be at least {0} characters', (n) => `не менее ${genitive(n, 'символа', 'символов')}`],
  ['A user with the email {0} already exists.', 'Пользователь с email {0} уже есть.'],
  ['Not allowed on your own account: you cannot deactivate yourself.', 'Нельзя отключить самого себя.'],
  ['Not allowed on your own account: you cannot change your own role.', 'Нельзя менять собственную роль.'],
  ['at most 10 values', 'не более 10 значений'],
  ['at most 30 fields', 'не более 30 полей'],
  ['a form needs at least one field', 'в форме должно быть хотя бы одно поле'],
  [
    'lower-case letters, digits, _ and -, up to 64 characters',
    'строчные латинские буквы, цифры, _ и -, до 64 символов',
  ],
  ['3 to 64 letters, digits, _ or -', 'от 3 до 64 латинских букв, цифр, _ или -'],
  [
    'a letter, then letters, digits or _ (at most 64)',
    'латинская буква, затем буквы, цифры или _ (не более 64)',
  ],
  ['must be 1-8 lower-case letters, digits or _', 'от 1 до 8 строчных латинских букв, цифр или _'],
  [
    'must be snake_case: lower-case letters, digits and _',
    'нужен snake_case: строчные латинские буквы, цифры и _',
  ],
  [
    'snake_case, e.g. page_view, download, webinar, email_click',
    'snake_case, например page_view, download, webinar, email_click',
  ],
  ['a field path such as position or custom.segment', 'путь к полю, например position или custom.segment'],
  [
    'an origin such as https://example.com (scheme, host and optional port, no path)',
    'источник вида https://example.com (схема, хост и порт при необходимости, без пути)',
  ],

  // Contacts of a lead (normalization and classification).
  ['is empty', 'пусто'],
  ['is longer than 64 characters', 'длиннее 64 символов'],
  ['has no digits', 'нет цифр'],
  ['is not a valid phone number', 'неверный номер телефона'],
  ['is longer than 254 characters', 'длиннее 254 символов'],
  ['is not an email address (name@domain expected)', 'не адрес электронной почты (нужно имя@домен)'],
  ['has an invalid part before @', 'неверная часть до @'],
  ['has an invalid domain', 'неверный домен'],
  [
    'a name with a phone or an email is required (or at least a company)',
    'нужно имя с телефоном или email (или хотя бы компания)',
  ],
  ['a phone or an email is required', 'нужен телефон или email'],
  [
    'a company switchboard number with no person: verify who to talk to',
    'общий номер компании без контактного лица: уточните, с кем говорить',
  ],
  ['no person named: verify who this is', 'не указан человек: уточните, кто это'],
  ['no phone or email to reach the person', 'нет телефона или email, чтобы связаться'],
  ['this key was already used for a different request', 'этот ключ уже использован для другого запроса'],
  ['already used for a different request', 'уже использован для другого запроса'],
  ['does not meet the buyer filter {0}', 'не проходит фильтр покупателя {0}'],
  ['the body is empty', 'тело запроса пустое'],
  ['the body is not valid JSON ({0})', 'тело запроса — неверный JSON ({0})'],
  ['the body must be an object of fields', 'тело запроса должно быть объектом с полями'],
  [
    'content type {0} is not accepted; send JSON or a form',
    'тип содержимого {0} не принимается; отправьте JSON или форму',
  ],
  [
    'the body is larger than {0} bytes (content-length {1})',
    'тело запроса больше {0} байт (content-length {1})',
  ],

  // Cards, statuses, tasks and routing.
  ['no such user', 'нет такого пользователя'],
  ['no such active user', 'нет такого активного пользователя'],
  ['no such team', 'нет такой команды'],
  ['no such channel', 'нет такого канала'],
  ['no such campaign', 'нет такой кампании'],
  ['no such company', 'нет такой компании'],
  ['no such contact', 'нет такого контакта'],
  ['no such deal', 'нет такой сделки'],
  ['{0} is deactivated', '{0}: пользователь отключён'],
  ['{0} is not in sales', '{0}: не из отдела продаж'],
  ['{0} is absent now', '{0}: сейчас отсутствует'],
  ['must be a sales head or an admin, not a {0}', 'нужен руководитель продаж или администратор'],
  ['give dueAt, or dueInDays and/or dueInHours', 'укажите dueAt или dueInDays и/или dueInHours'],
  ['say what came of the task', 'напишите, чем закончилась задача'],
  [
    'explains a lifecycleStage change; send it with lifecycleStage',
    'поясняет смену lifecycleStage; отправляйте вместе с lifecycleStage',
  ],
  ['a company needs a name', 'у компании должно быть название'],
  ['a contact needs a name', 'у контакта должно быть имя'],
  ['only a lost deal has a lost reason', 'причина проигрыша бывает только у проигранной сделки'],
  ['must be one of {0}', 'должно быть одним из: {0}'],
  ['must be in the future', 'должно быть в будущем'],
  ['must be after startsAt', 'должно быть позже startsAt'],
  ['must not be before from', 'не может быть раньше from'],
  ['must not be before startsOn', 'не может быть раньше startsOn'],
  ['must end after it starts', 'должен заканчиваться позже, чем начинается'],
  ['spans must not overlap', 'интервалы не должны пересекаться'],
  ['must be HH:MM (00:00–24:00)', 'нужно ЧЧ:ММ (00:00–24:00)'],
  ['must be an IANA time zone such as Europe/Moscow', 'нужен часовой пояс IANA, например Europe/Moscow'],
  ['must be an IANA time zone, e.g. Europe/Moscow', 'нужен часовой пояс IANA, например Europe/Moscow'],
  [
    'convert into at least one of contact, company or deal',
    'выберите хотя бы одно: контакт, компанию или сделку',
  ],
  ['is set by the widget itself', 'заполняется самим виджетом'],
  ['field names repeat', 'имена полей повторяются'],
  ['not a field of a {0} rule', 'не поле правила этого вида'],
  ['not a cursor returned by this API', 'не курсор, выданный этим API'],
  ['is already used by another user', 'уже используется другим пользователем'],
  ['already used by another channel', 'уже используется другим каналом'],
  ['is not correct', 'неверно'],
  ['a report covers at most {0} days', (n) => `отчёт охватывает не более ${genitive(n, 'дня', 'дней')}`],
  ['unknown status; one of {0}', 'неизвестный статус; допустимы: {0}'],
  ['status "{0}" requires a reason', 'для статуса «{0}» нужна причина'],
  ['one of {0}', 'одно из: {0}'],
  ['a {0} lead keeps its status', 'статус такого лида не меняется'],
  ['"{0}" is set by {1}, not by a status change', '«{0}» ставится через {1}, а не сменой статуса'],
  ['system status "{0}" cannot be removed', 'системный статус «{0}» нельзя удалить'],
  ['status "{0}" appears twice', 'статус «{0}» указан дважды'],
  ['"merged" is reserved for merged leads', '«merged» зарезервирован для объединённых лидов'],
  ['"{0}" is not a status', '«{0}» — не статус'],
  ['reason "{0}" appears twice', 'причина «{0}» указана дважды'],
  ['must be >= thresholds.review', 'должно быть >= thresholds.review'],
  ['duplicate rule name "{0}"', 'имя правила «{0}» повторяется'],
  ['no rule produces "{0}"', 'ни одно правило не даёт «{0}»'],
  ['duplicate prefix "{0}"', 'префикс «{0}» повторяется'],

  ['must be a time HH:MM between 00:00 and 24:00', 'нужно время ЧЧ:ММ от 00:00 до 24:00'],
  [
    'must be a lead attribute (interest, region, language, channelId, campaignId, score, kind, company, position, temperature), custom.<key>, attribution.<tag> or address.<part>',
    'должно быть полем лида (interest, region, language, channelId, campaignId, score, kind, company, position, temperature), custom.<ключ>, attribution.<метка> или address.<часть>',
  ],
  ['The lead was already converted.', 'Лид уже конвертирован.'],
  ['The lead was merged into another lead.', 'Лид объединён с другим лидом.'],
  ['A customer is not returned to marketing.', 'Клиента не возвращают в маркетинг.'],
  [
    'This token belongs to no user, so it has no password.',
    'Этот токен не принадлежит пользователю, у него нет пароля.',
  ],
  [
    'This token belongs to no user; only admins list tokens.',
    'Этот токен не принадлежит пользователю; список токенов видят только администраторы.',
  ],
  ['This token belongs to no rep.', 'Этот токен не принадлежит менеджеру.'],
  [
    'Notifications belong to users; this token acts for no user',
    'Уведомления бывают только у пользователей; этот токен действует не от имени пользователя',
  ],

  // Campaign costs.
  ['a totals row, not imported', 'строка итогов, не загружена'],
  [
    'the import stopped on an internal error; rows already written stay',
    'загрузка остановилась из-за внутренней ошибки; уже записанные строки остаются',
  ],
  ['line {0}: {1}', 'строка {0}: {1}'],
  ['the file is empty', 'файл пустой'],
  ['the file has no column "{0}"', 'в файле нет столбца «{0}»'],
  ['a column with the day is required', 'нужен столбец с датой'],
  ['map a campaign column or give campaignId', 'укажите столбец кампании или campaignId'],
  [
    'map at least one of spend, clicks, impressions, actions',
    'укажите хотя бы один из столбцов: spend, clicks, impressions, actions',
  ],
  ['several campaigns are named "{0}"', 'несколько кампаний называются «{0}»'],
  [
    'no campaign with the name, id or utm_campaign "{0}"',
    'нет кампании с названием, id или utm_campaign «{0}»',
  ],

  // Not found: "<Entity> <id> does not exist".
  ...Object.entries(ENTITY_NAMES).map(([entity, name]): [string, Translation] => [
    `${entity} {0} does not exist`,
    `Не найдено: ${name} {0}`,
  ]),

  // Refusals of the role rules.
  [
    'Only sales heads and admins resolve suspected duplicates.',
    'Разбирать возможные дубли могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins merge leads.',
    'Объединять лиды могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins assign leads.',
    'Назначать лиды могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins reassign tasks.',
    'Передавать задачи могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins manage teams.',
    'Управлять командами могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins change routing.',
    'Менять распределение лидов могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins change statuses and reasons.',
    'Менять статусы и причины могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins record absences.',
    'Отмечать отсутствия могут только руководители продаж и администраторы.',
  ],
  [
    'Only sales heads and admins remove absences.',
    'Удалять отсутствия могут только руководители продаж и администраторы.',
  ],
  [
    'Only the lead’s owner, a sales head or an admin may work on this lead.',
    'Работать с этим лидом могут только его ответственный, руководитель продаж или администратор.',
  ],
  [
    'Only reps take leads from the pool; heads and admins assign them.',
    'Брать лиды из общего пула могут только менеджеры; руководители и администраторы их назначают.',
  ],
  [
    'Only marketers, sales heads and admins see marketing reports.',
    'Маркетинговые отчёты видят только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only marketers, sales heads and admins manage scoring.',
    'Настраивать скоринг могут только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only marketers, sales heads and admins enter campaign costs.',
    'Вносить расходы на кампании могут только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only marketers, sales heads and admins change forms.',
    'Менять формы могут только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only marketers, sales heads and admins change channels.',
    'Менять каналы могут только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only marketers, sales heads and admins change campaigns.',
    'Менять кампании могут только маркетологи, руководители продаж и администраторы.',
  ],
  [
    'Only users who see every lead list raw inquiries.',
    'Исходные обращения видят только пользователи с доступом ко всем лидам.',
  ],
  ['Only admins erase personal data.', 'Стирать персональные данные могут только администраторы.'],
  ['name the person: emails, phones, or cards by id', 'укажите человека: email, телефоны или карточки по id'],
  ['Only admins create users.', 'Создавать пользователей могут только администраторы.'],
  ['Only admins change users.', 'Менять пользователей могут только администраторы.'],
  ['Only admins change lead visibility.', 'Менять видимость лидов могут только администраторы.'],
  [
    'Only admins and sales heads see other users.',
    'Других пользователей видят только администраторы и руководители продаж.',
  ],
  [
    'Only admins and sales heads list users.',
    'Список пользователей видят только администраторы и руководители продаж.',
  ],
  ['Only admins create integration tokens.', 'Создавать токены интеграций могут только администраторы.'],
  [
    'Only admins create tokens for other users or integrations.',
    'Создавать токены для других пользователей и интеграций могут только администраторы.',
  ],
];
