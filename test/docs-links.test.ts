// The documents and the comments that cite them stay inside the repository: a clone has nothing
// beside it, so every relative link, every cited docs page and every numbered fact of the exchange
// notes must be found in the clone itself. Each failure names the offending file and line.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** The repository's files as git sees them: tracked, plus new files not ignored (a branch before its commit). */
function repositoryFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = output.split('\0').filter((file) => file !== '' && isFile(join(root, file)));
  return [...new Set(files)].sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const files = repositoryFiles();
const fileSet = new Set(files);
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** The documents whose links are checked. */
const DOCUMENT = /^(README\.md|apps\/[^/]+\/README\.md|packages\/[^/]+\/README\.md|docs\/[^/]+\.md)$/;
const documents = files.filter((file) => DOCUMENT.test(file));

// --- markdown ---------------------------------------------------------------------------------------

/** The text with fenced code blocks emptied and inline code blanked, line numbers kept. */
function proseOf(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return '';
    }
    if (marker !== undefined) {
      fence = marker;
      return '';
    }
    return line.replace(/(`+)[^`]*?\1/g, (code) => ' '.repeat(code.length));
  });
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\*+/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a markdown file offers (repeated headings get -1, -2, … as on GitHub). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** One link of a document, with its 1-based line. */
interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

function linksOf(file: string): Link[] {
  const links: Link[] = [];
  proseOf(read(file)).forEach((line, index) => {
    const inline = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
    for (const match of line.matchAll(inline)) links.push({ file, line: index + 1, target: match[1] ?? '' });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line);
    if (definition) links.push({ file, line: index + 1, target: definition[1] ?? '' });
  });
  return links;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Why a relative link does not resolve inside the repository, or undefined when it does. */
function brokenLink(link: Link): string | undefined {
  if (SCHEME.test(link.target)) return undefined;
  const [rawPath = '', anchor] = link.target.split('#', 2);
  const path = decodeURIComponent(rawPath);
  const target =
    path === ''
      ? link.file
      : normalize(path.startsWith('/') ? path.slice(1) : join(dirname(link.file), path));
  const inside = target.split(sep).join('/');
  if (inside === '..' || inside.startsWith('../') || relative(root, join(root, inside)).startsWith('..')) {
    return `${link.target} points outside the repository`;
  }
  const isDirectory = files.some((file) => file.startsWith(`${inside.replace(/\/$/, '')}/`));
  if (!fileSet.has(inside) && !isDirectory) return `${link.target}: no file ${inside} in the repository`;
  if (anchor === undefined || anchor === '' || !inside.endsWith('.md')) return undefined;
  return anchorsOf(read(inside)).has(anchor.toLowerCase())
    ? undefined
    : `${link.target}: ${inside} has no heading with the anchor #${anchor}`;
}

// --- comments in code --------------------------------------------------------------------------------

const SLASH_COMMENTS = /\.(ts|tsx|js|cjs|mjs|prisma)$/;
const HASH_COMMENTS = /(\.(sh|ya?ml|toml)|(^|\/)Dockerfile|(^|\/)\.ci\/run)$/;
const DASH_COMMENTS = /\.sql$/;

/** The comment text of each line of a code file ('' where a line has none), line numbers kept. */
function commentsOf(file: string): string[] | undefined {
  const lines = read(file).split('\n');
  if (HASH_COMMENTS.test(file))
    return lines.map((line) => (line.includes('#') ? line.slice(line.indexOf('#') + 1) : ''));
  if (DASH_COMMENTS.test(file))
    return lines.map((line) => (line.includes('--') ? line.slice(line.indexOf('--') + 2) : ''));
  if (!SLASH_COMMENTS.test(file)) return undefined;
  let inBlock = false;
  return lines.map((line) => {
    if (inBlock) {
      const end = line.indexOf('*/');
      inBlock = end < 0;
      return end < 0 ? line : line.slice(0, end);
    }
    const lineComment = line.indexOf('//');
    const blockComment = line.indexOf('/*');
    if (blockComment >= 0 && (lineComment < 0 || blockComment < lineComment)) {
      const rest = line.slice(blockComment + 2);
      inBlock = !rest.includes('*/');
      return rest;
    }
    return lineComment >= 0 ? line.slice(lineComment + 2) : '';
  });
}

/** One citation of a docs page in a comment: the page and what follows it on that line. */
interface Citation {
  readonly file: string;
  readonly line: number;
  readonly page: string;
  readonly rest: string;
}

const citations: Citation[] = files.flatMap((file) =>
  (commentsOf(file) ?? []).flatMap((comment, index) =>
    [...comment.matchAll(/\bdocs\/([\w.-]+?\.md)\b(.*?)(?=\bdocs\/[\w.-]+?\.md\b|$)/g)].map((match) => ({
      file,
      line: index + 1,
      page: `docs/${match[1] ?? ''}`,
      rest: match[2] ?? '',
    })),
  ),
);

const EXCHANGE_NOTES = 'docs/exchange-notes.md';
const FACT_LABELS = 'ccxt|Coinbase|Kraken|TradingView';

/** The numbered facts the exchange notes define in their headings, e.g. `ccxt 4`, `Coinbase 2`. */
function factsOfExchangeNotes(): Set<string> {
  const heading = new RegExp(`^#{2,4} (${FACT_LABELS}) (\\d+)\\b`);
  const facts = new Set<string>();
  for (const line of read(EXCHANGE_NOTES).split('\n')) {
    const match = heading.exec(line);
    if (match) facts.add(`${match[1]} ${match[2]}`);
  }
  return facts;
}

/** The facts a citation names right after the page, up to its closing parenthesis: `ccxt 3-5`, `ccxt 7 and 8`. */
function citedFacts(rest: string): string[] {
  const clause = rest.split(')')[0] ?? '';
  const label = new RegExp(
    `\\b(${FACT_LABELS}) (\\d+)((?:\\s*(?:-|–|,|and)\\s*\\d+(?![.\\d]))*)(?![.\\d])`,
    'g',
  );
  return [...clause.matchAll(label)].flatMap((match) => {
    const name = match[1] ?? '';
    const numbers = [Number(match[2])];
    for (const part of (match[3] ?? '').matchAll(/(-|–|,|and)\s*(\d+)/g)) {
      const next = Number(part[2]);
      const last = numbers.at(-1) ?? next;
      if (part[1] === '-' || part[1] === '–') for (let n = last + 1; n < next; n += 1) numbers.push(n);
      numbers.push(next);
    }
    return numbers.map((number) => `${name} ${number}`);
  });
}

// --- the checks --------------------------------------------------------------------------------------

describe('links between the documents', () => {
  it('when headings are turned into anchors then they are the anchors GitHub gives them', () => {
    expect(githubSlug('Readiness: `GET /readyz`')).toBe('readiness-get-readyz');
    expect(githubSlug('Data flow: alert → decision → order')).toBe('data-flow-alert--decision--order');
    expect(githubSlug('ccxt 1: Coinbase ignores `clientOrderId`')).toBe(
      'ccxt-1-coinbase-ignores-clientorderid',
    );
    expect(githubSlug('Prisma 7 offline (the WASM engine)')).toBe('prisma-7-offline-the-wasm-engine');
  });

  it('when the documents are listed then the README, the app and package READMEs and docs/ are among them', () => {
    expect(documents).toContain('README.md');
    expect(documents).toContain('docs/architecture.md');
    expect(documents.some((file) => file.startsWith('packages/'))).toBe(true);
  });

  it('when a relative link of a document is followed then it reaches a file of the repository and, with an anchor, one of its headings', () => {
    const problems = documents.flatMap((file) =>
      linksOf(file).flatMap((link) => {
        const problem = brokenLink(link);
        return problem === undefined ? [] : [`${link.file}:${link.line}: ${problem}`];
      }),
    );

    expect(problems).toEqual([]);
  });
});

describe('references to folders beside the repository', () => {
  // Written in two parts so that this file does not contain what it looks for.
  const forbidden = ['..', '/work'].map((prefix) => `${prefix}/shared`);

  it('when a file outside .ci/ and scripts/ is read then it names no shared folder beside the clone', () => {
    const problems = files
      .filter((file) => !file.startsWith('.ci/') && !file.startsWith('scripts/'))
      .flatMap((file) => {
        const text = read(file);
        if (text.includes('\0')) return [];
        return text
          .split('\n')
          .flatMap((line, index) =>
            forbidden
              .filter((needle) => line.includes(needle))
              .map((needle) => `${file}:${index + 1}: mentions ${needle}`),
          );
      });

    expect(problems).toEqual([]);
  });
});

describe('code comments that cite docs/', () => {
  it('when the comments are read then the docs citations are found', () => {
    expect(citations.some((citation) => citation.page === EXCHANGE_NOTES)).toBe(true);
  });

  it('when a comment cites a docs page then the page exists', () => {
    const problems = citations
      .filter((citation) => !fileSet.has(citation.page))
      .map((citation) => `${citation.file}:${citation.line}: ${citation.page} does not exist`);

    expect(problems).toEqual([]);
  });

  it('when a comment cites a numbered fact of the exchange notes then the notes have that fact', () => {
    const facts = factsOfExchangeNotes();
    const problems = citations
      .filter((citation) => citation.page === EXCHANGE_NOTES)
      .flatMap((citation) =>
        citedFacts(citation.rest)
          .filter((fact) => !facts.has(fact))
          .map((fact) => `${citation.file}:${citation.line}: ${EXCHANGE_NOTES} has no "${fact}"`),
      );

    expect(problems).toEqual([]);
  });
});
