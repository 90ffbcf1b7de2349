import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = import.meta.dirname;

/** The unit a file belongs to: a feature module (`modules/leads`), a common area (`common/database`), or a root file. */
function unitOf(file: string): string {
  const [top, second] = relative(SRC, file).split('/');
  return top === 'modules' || top === 'common' ? `${top}/${second}` : top.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** unit -> units it imports (value or type imports alike), from the relative imports of every file. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = unitOf(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
      if (!target.startsWith(SRC)) continue;
      const to = unitOf(target);
      if (to !== from) graph.set(from, new Set([...(graph.get(from) ?? []), to]));
    }
  }
  return graph;
}

/** Strongly connected components with more than one unit: the import cycles (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    indexes.set(node, index);
    low.set(node, index++);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexes.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, indexes.get(next)!));
    }
    if (low.get(node) === indexes.get(node)) {
      const component: string[] = [];
      for (let member = stack.pop()!; ; member = stack.pop()!) {
        component.push(member);
        if (member === node) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexes.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  const graph = importGraph();

  it('has no import cycle between modules or common areas', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps common/ free of feature modules', () => {
    const offending = [...graph].flatMap(([from, targets]) =>
      from.startsWith('common/') ? [...targets].filter((to) => to.startsWith('modules/')).map((to) => `${from} -> ${to}`) : [],
    );
    expect(offending).toEqual([]);
  });
});
