import { useTranslation } from 'react-i18next';
import { type ConditionDraft, draftOf, KEYED_BASES, OTHER_BASE, valueKindOf } from './conditionDraft.ts';
import type { Condition } from './types.ts';
import { VALUELESS_OPS } from './types.ts';

/** Names of the things a condition may point at by id. */
export type Names = { channel: (id: string) => string; campaign: (id: string) => string };

/** A condition in words of the UI language: "Channel is Website", "Interest contains “bulk”". */
export function useConditionText(fields: readonly string[], names: Names) {
  const { t } = useTranslation();

  const fieldText = (draft: ConditionDraft) => {
    if (draft.base === OTHER_BASE) return draft.sub;
    if (draft.base === 'address')
      return t('rules.conditionText.address', { part: t(`rules.fields.addressParts.${draft.sub}`) });
    if ((KEYED_BASES as readonly string[]).includes(draft.base))
      return t(`rules.conditionText.${draft.base}`, { key: draft.sub });
    return t(`rules.fields.${draft.base}`);
  };

  const valueText = (draft: ConditionDraft, value: string) => {
    switch (valueKindOf(draft.base)) {
      case 'channel':
        return names.channel(value);
      case 'campaign':
        return names.campaign(value);
      case 'temperature':
        return t(`rules.values.temperature.${value}`);
      case 'kind':
        return t(`rules.values.kind.${value}`);
      default:
        return `“${value}”`;
    }
  };

  return (condition: Condition): string => {
    const draft = draftOf(condition, fields);
    const head = `${fieldText(draft)} ${t(`rules.ops.${condition.op}`)}`;
    if (VALUELESS_OPS.includes(condition.op)) return head;
    const values = Array.isArray(condition.value)
      ? condition.value.map(String)
      : [String(condition.value ?? '')];
    return `${head} ${values.map((v) => valueText(draft, v)).join(', ')}`;
  };
}
