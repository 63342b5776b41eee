/**
 * Markdown tables of the docs, generated from the code they describe: the scenario fields (from
 * the JSON Schema, itself from the validator's tables), the link's keys, and the study columns.
 * tests/unit/docs.scenario.test.ts checks that docs/ holds exactly these (and rewrites them with
 * UPDATE_DOCS=1).
 */
import { LINK_KEYS } from '../model/scenario/codec';
import { availableFields } from '../model/study/fields';
import { scenarioSchema } from './schema';

type Schema = Record<string, unknown>;

const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

function range(s: Schema): string {
  const lo =
    s.exclusiveMinimum !== undefined
      ? `(${s.exclusiveMinimum}`
      : s.minimum !== undefined
        ? `[${s.minimum}`
        : '';
  const hi = s.maximum !== undefined ? `${s.maximum}]` : '';
  if (!lo && !hi) return '';
  return `${lo || '(−∞'}, ${hi || '∞)'}`;
}

function kindOf(s: Schema): string {
  if (s.const !== undefined) return code(s.const);
  if (Array.isArray(s.enum))
    return `${s.type === 'integer' ? 'integer ' : ''}one of ${(s.enum as unknown[]).map(code).join(', ')}`;
  if (s.type === 'array') return `list${s.maxItems !== undefined ? ` (≤ ${s.maxItems})` : ''}`;
  if (s.type === 'integer' || s.type === 'number') return `${s.type} ${range(s)}`.trim();
  if (s.type === 'object') return 'object';
  if (s.type === 'boolean') return 'true or false';
  if (Array.isArray(s.oneOf)) return 'see below';
  return '';
}

/** Rows `path | kind | default | what` for every field of the schema (alternatives by their kind/rule). */
function rows(s: Schema, path: string, out: string[][]): void {
  const props = s.properties as Record<string, Schema> | undefined;
  if (props) {
    for (const [key, sub] of Object.entries(props)) {
      const p = path ? `${path}.${key}` : key;
      out.push([
        p,
        kindOf(sub),
        sub.default === undefined ? '' : code(sub.default),
        String(sub.description ?? ''),
      ]);
      rows(sub, p, out);
    }
  }
  if (s.type === 'array' && s.items && typeof s.items === 'object') rows(s.items as Schema, `${path}[]`, out);
  if (Array.isArray(s.prefixItems))
    (s.prefixItems as Schema[]).forEach((item, i) => {
      out.push([`${path}[${i}]`, kindOf(item), '', String(item.description ?? '')]);
    });
  if (Array.isArray(s.oneOf))
    for (const alt of s.oneOf as Schema[]) {
      const props = alt.properties as Record<string, Schema> | undefined;
      const tag = props?.kind?.const ?? props?.rule?.const;
      if (tag === undefined) {
        if (!props) out.push([`${path} (alternative)`, kindOf(alt), '', String(alt.description ?? '')]);
        continue;
      }
      const which = props?.kind ? 'kind' : 'rule';
      out.push([`${path} (${which} ${tag})`, 'object', '', String(alt.description ?? '')]);
      const inner: Schema = {
        properties: Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => k !== which)),
      };
      rows(inner, path, out);
    }
}

function table(head: string[], body: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function scenarioFieldTable(): string {
  const out: string[][] = [];
  rows(scenarioSchema(), '', out);
  // fields shared by alternatives (the density of sample and dipoles, the seed) once
  const seen = new Set<string>();
  const once = out.filter((r) => !seen.has(r.join('|')) && seen.add(r.join('|')));
  return table(
    ['field', 'kind and range', 'default', 'what'],
    once.map(([p, k, d, w]) => [`\`${p}\``, k, d, w]),
  );
}

export function linkKeyTable(): string {
  return table(
    ['link key', 'scenario field'],
    Object.entries(LINK_KEYS).map(([k, p]) => [`\`${k}\``, `\`${p}\``]),
  );
}

export function studyFieldTable(): string {
  return table(
    ['column', 'default', 'what'],
    availableFields(true, [[1, 0]]).map((f) => [
      `\`${f.name}\``,
      f.default ? 'yes' : '',
      `${f.what}${f.pde ? ' (with --pde)' : ''}`,
    ]),
  );
}
