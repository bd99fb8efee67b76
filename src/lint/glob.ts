/**
 * Glob patterns as VS Code settings use them: `*` and `?` within a path segment, `**` across
 * segments, `{a,b}` alternatives. A pattern without a slash matches the file's base name; one with a
 * slash matches the end of the path on a segment boundary (so `backup/*.json` matches `x/backup/a.json`).
 */
export function globToRegExp(pattern: string): RegExp {
  const p = pattern.replace(/\\/g, '/');
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` matches zero or more whole segments; a trailing `**` matches the rest.
        if (p[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inGroup++;
    } else if (c === '}' && inGroup > 0) {
      re += ')';
      inGroup--;
    } else if (c === ',' && inGroup > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const anchoredStart = p.startsWith('/') ? '^' : '(?:^|/)';
  return new RegExp(`${anchoredStart}${re}$`);
}

export function matchesGlob(pattern: string, filePath: string): boolean {
  const path = filePath.replace(/\\/g, '/');
  const target = pattern.includes('/') ? path : path.slice(path.lastIndexOf('/') + 1);
  return globToRegExp(pattern).test(target);
}
