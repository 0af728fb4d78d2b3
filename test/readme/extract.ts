/**
 * The TypeScript blocks of a Markdown file, with the line each starts on, and whether the file
 * marks one as not runnable on its own. The mark is an HTML comment (invisible on GitHub) on the
 * lines just before the block, and it must say why:
 *
 *     <!-- not-run: a template: ChatRoom and bannerFor are your application's -->
 *     ```ts
 */

/** One ```ts block. */
export interface CodeExample {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  /** Why it is not run, when it is marked `not-run`. */
  readonly notRun?: string;
  /** Whether it is a test file (imports `vitest`): it runs under vitest, not on its own. */
  readonly isTest: boolean;
}

const OPENING = /^```(?:ts|typescript)\s*$/;
const MARK = /^<!--\s*not-run:\s*(.*?)\s*-->$/;

/** Extracts every TypeScript block; a `not-run` mark with no reason is an error. */
export function typescriptExamples(markdown: string): CodeExample[] {
  const lines = markdown.split("\n");
  const examples: CodeExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!OPENING.test(lines[i] as string)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    let before = start - 1;
    while (before >= 0 && (lines[before] as string).trim() === "") before--;
    const mark = before >= 0 ? MARK.exec((lines[before] as string).trim()) : null;
    if (mark !== null && mark[1] === "") {
      throw new Error(`line ${start + 1}: a not-run mark must say why the block cannot run on its own`);
    }
    const code = body.join("\n") + "\n";
    examples.push({
      line: start + 1,
      code,
      ...(mark === null ? {} : { notRun: mark[1] as string }),
      isTest: /from\s+["']vitest["']/.test(code),
    });
  }
  return examples;
}
