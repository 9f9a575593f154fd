// Deterministic synthetic people for load benchmarks: Russian and Latin names, unique emails and
// mobile phones per index, so a benchmark can ask for "person 123456" again to make a repeat.

const FIRST = [
  'Александр',
  'Алексей',
  'Андрей',
  'Антон',
  'Артём',
  'Борис',
  'Вадим',
  'Виктор',
  'Владимир',
  'Дмитрий',
  'Евгений',
  'Егор',
  'Иван',
  'Игорь',
  'Илья',
  'Кирилл',
  'Максим',
  'Михаил',
  'Никита',
  'Николай',
  'Олег',
  'Павел',
  'Роман',
  'Сергей',
  'Степан',
  'Тимур',
  'Фёдор',
  'Юрий',
  'Ярослав',
  'Глеб',
  'Анна',
  'Алина',
  'Анастасия',
  'Валерия',
  'Вера',
  'Дарья',
  'Екатерина',
  'Елена',
  'Ирина',
  'Ксения',
  'Людмила',
  'Мария',
  'Марина',
  'Наталья',
  'Ольга',
  'Полина',
  'Светлана',
  'Татьяна',
  'Юлия',
  'Софья',
];
const LATIN_FIRST = ['John', 'Emma', 'Oliver', 'Sophia', 'Lucas', 'Mia', 'Adam', 'Laura', 'David', 'Nina'];
const LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
];
const LATIN_LAST = [
  'Smith',
  'Brown',
  'Miller',
  'Wilson',
  'Taylor',
  'Clark',
  'Walker',
  'Young',
  'King',
  'Wright',
];
const DOMAINS = [
  'mail.ru',
  'yandex.ru',
  'gmail.com',
  'bk.ru',
  'inbox.ru',
  'rambler.ru',
  'outlook.com',
  'list.ru',
];
const COMPANIES = ['Ромашка', 'Вектор', 'Альфа', 'Гранит', 'Северсталь-Сервис', 'Техно', 'Orion', 'Nord'];

const at = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

export type SyntheticPerson = { name: string; email: string; phone: string; company?: string };

/** The person with this index: always the same name, email and phone. */
export function personAt(index: number): SyntheticPerson {
  const latin = index % 10 === 9;
  const first = at(latin ? LATIN_FIRST : FIRST, index * 7919);
  let last = at(latin ? LATIN_LAST : LAST, Math.floor(index / FIRST.length) * 104729 + index);
  // Russian surnames agree with the given name's gender.
  if (/[ая]$/.test(first) && /[вн]$/.test(last)) last = `${last}а`;
  const digits = String(index).padStart(9, '0');
  return {
    name: `${first} ${last}`,
    email: `u${digits}.${index % 97}@${at(DOMAINS, index)}`,
    // A Russian mobile (+7 9XX XXX-XX-XX), unique for indexes below 1,000,000,000.
    phone: `+79${digits}`,
    // One in five names a company: about 40,000 different ones, a few people each, as in a B2B
    // lead base (eight companies for everyone made "surname + company" match hundreds of people).
    ...(index % 5 === 0
      ? { company: `ООО ${at(COMPANIES, index)} ${(Math.floor(index / 5) % 5000) + 1}` }
      : {}),
  };
}
