import picomatch from 'picomatch';

/**
 * Glob patterns as VS Code settings use them, matched by picomatch: `*` and `?` within a path
 * segment, `**` across segments, `{a,b}` alternatives, `[abc]` classes. A pattern without a slash
 * matches the file's base name; one with a slash matches the end of the path on a segment boundary
 * (so `backup/*.json` matches `x/backup/a.json`); one starting with `/` matches from the start.
 */

/** A compiled pattern, or why it cannot be used. */
export type Glob = { ok: true; test(path: string): boolean } | { ok: false; message: string };

/**
 * picomatch builds backtracking regular expressions: each `**` or `*` can multiply the time one
 * path takes to match. These bounds keep the worst case to milliseconds per path.
 */
const MAX_GLOBSTARS = 3;
const MAX_STARS_PER_SEGMENT = 2;

const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  // Unbalanced {…}, […] or (…) is an error rather than a silent literal.
  strictBrackets: true,
  // VS Code globs have neither extglobs (`+(a|b)`, which nest into slow expressions) nor negation.
  noextglob: true,
  nonegate: true,
};

/** Separators as `/`, and runs of `**` segments (which match nothing more than one does) as one. */
function normalize(pattern: string): string {
  return pattern.replace(/\\/g, '/').replace(/(^|\/)\*\*(?:\/\*\*)+(?=\/|$)/g, '$1**');
}

function complexity(p: string): string | undefined {
  const segments = p.split('/');
  const globstars = segments.filter((s) => s === '**').length;
  if (globstars > MAX_GLOBSTARS)
    return `it has ${globstars} "**" segments and at most ${MAX_GLOBSTARS} are allowed (each one multiplies the time a path takes to match)`;
  for (const s of segments) {
    if (s === '**') continue;
    const stars = s.match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT)
      return `its segment "${s}" has ${stars} "*" wildcards and at most ${MAX_STARS_PER_SEGMENT} are allowed in one segment`;
  }
  return undefined;
}

/** Compiles `pattern` as a whole-path pattern (no base-name or end-of-path matching). */
export function compilePathGlob(pattern: string): Glob {
  if (pattern === '') return { ok: false, message: 'the pattern is empty' };
  const p = normalize(pattern);
  const tooComplex = complexity(p);
  if (tooComplex) return { ok: false, message: `${tooComplex}. Simplify it, e.g. "**/backup/*.json".` };
  try {
    const m = picomatch(p, OPTIONS);
    return { ok: true, test: (path) => m(path.replace(/\\/g, '/')) };
  } catch (e) {
    // picomatch's own words, e.g. 'Missing closing: "}" - use "\\}" to match literal characters'.
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

const cache = new Map<string, Glob>();

/** Compiles a setting's or `--kind`'s pattern (see the top of this file); cached, never throws. */
export function compileGlob(pattern: string): Glob {
  let g = cache.get(pattern);
  if (!g) {
    const p = pattern.replace(/\\/g, '/');
    const whole = p.includes('/') && !p.startsWith('/') && !p.startsWith('**/') ? `**/${p}` : p;
    const compiled = compilePathGlob(whole);
    g =
      compiled.ok && !p.includes('/')
        ? { ok: true, test: (path) => compiled.test(baseName(path)) }
        : compiled;
    // A settings object is small, but the cache must not grow with every keystroke in it.
    if (cache.size >= 500) cache.clear();
    cache.set(pattern, g);
  }
  return g;
}

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Why a pattern cannot be used, or undefined when it can. */
export function globError(pattern: string): string | undefined {
  const g = compileGlob(pattern);
  return g.ok ? undefined : g.message;
}

/** Whether `filePath` matches `pattern`; a pattern that cannot be used matches nothing. */
export function matchesGlob(pattern: string, filePath: string): boolean {
  const g = compileGlob(pattern);
  return g.ok && g.test(filePath);
}

/**
 * The patterns in `globs` that cannot be used and are not in `warned` yet, each with a message for
 * the user; adds them to `warned`, so each bad pattern is reported once.
 */
export function warnOnce(
  globs: Readonly<Record<string, string>>,
  warned: Set<string>,
): { pattern: string; message: string }[] {
  const out: { pattern: string; message: string }[] = [];
  for (const pattern of Object.keys(globs)) {
    const why = globError(pattern);
    if (why === undefined || warned.has(pattern)) continue;
    warned.add(pattern);
    out.push({
      pattern,
      message: `The glob ${JSON.stringify(pattern)} in awsBackupPitr.lint.files cannot be used, so it matches no file: ${why}`,
    });
  }
  return out;
}
