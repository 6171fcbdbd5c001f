/**
 * Fills an identity template: `{name}` is a variable, `{name|lower}` and `{name|urldecode}` filter
 * it (filters chain left to right). A missing or empty variable makes the whole template null, so
 * an item is never keyed on half an identity.
 */
export function fillTemplate(template: string, vars: Readonly<Record<string, string | undefined>>): string | null {
  let missing = false;
  const filled = template.replace(/\{([A-Za-z_][\w]*)((?:\|[a-z]+)*)\}/g, (_, name: string, filters: string) => {
    let value = vars[name];
    for (const filter of filters.split('|').filter(Boolean)) value = value === undefined ? value : applyFilter(filter, value);
    if (!value) missing = true;
    return value ?? '';
  });
  return missing || !filled ? null : filled;
}

function applyFilter(filter: string, value: string): string | undefined {
  switch (filter) {
    case 'lower':
      return value.toLowerCase();
    case 'upper':
      return value.toUpperCase();
    case 'urldecode':
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}
