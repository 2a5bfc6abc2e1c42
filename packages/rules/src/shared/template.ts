/** `{name}` placeholders of a pack file's text filled from the values given; unknown ones stay as written. */
export function fill(template: string, values: Readonly<Record<string, string | number | null>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? whole : String(value);
  });
}
