/**
 * "src/bot makes no repository writes" (docs/architecture.md): the chat surfaces read through the
 * repository ports at most; every write goes through a use case of src/app.
 *
 * The repositories are those of `Repositories` in src/app/ports/store.ts, and their methods are read
 * from that interface with the type checker (so a method added to a port is covered at once). A method
 * is a read when its name starts with a read verb (`READ_VERBS`); every other method is a write, so a
 * new write needs no change here. Then every call in src/bot is resolved with the type checker: a call
 * whose callee is a write method of one of those repositories fails the test, whatever the receiver is
 * named (`deps.store.workspaces.install(…)`, a destructured `people.upsertByIdentity(…)`, a `Pick<>`).
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE_PORT = join(ROOT, 'src/app/ports/store.ts');
const READ_VERBS = /^(get|find|list|is|has|secrets|botToken|busyFor|conversation|pickFor|assignments)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function program(files: readonly string[]): ts.Program {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram({ rootNames: [STORE_PORT, ...files], options: parsed.options });
}

interface RepositoryMethods {
  /** Repository interface name → its write method names. */
  readonly writes: Map<string, Set<string>>;
  /** Every method declaration that is a write, for resolving calls. */
  readonly declarations: Set<ts.Declaration>;
  readonly reads: string[];
}

/** The write methods of every repository in `Repositories`, read from the port with the checker. */
function repositoryWrites(prog: ts.Program): RepositoryMethods {
  const checker = prog.getTypeChecker();
  const source = prog.getSourceFile(STORE_PORT);
  if (!source) throw new Error('src/app/ports/store.ts not in the program');
  const repositories = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Repositories',
  );
  if (!repositories) throw new Error('no Repositories interface in src/app/ports/store.ts');
  const writes = new Map<string, Set<string>>();
  const declarations = new Set<ts.Declaration>();
  const reads: string[] = [];
  for (const repo of checker.getTypeAtLocation(repositories).getProperties()) {
    const type = checker.getTypeOfSymbol(repo);
    const name = type.getSymbol()?.getName() ?? repo.getName();
    const names = new Set<string>();
    for (const method of type.getProperties()) {
      if (READ_VERBS.test(method.getName())) {
        reads.push(`${name}.${method.getName()}`);
        continue;
      }
      names.add(method.getName());
      for (const d of method.getDeclarations() ?? []) declarations.add(d);
    }
    writes.set(name, names);
  }
  return { writes, declarations, reads };
}

/** `file:line name.method` for every call in `files` to a write method of a repository port. */
function writeCalls(prog: ts.Program, files: readonly string[], methods: RepositoryMethods): string[] {
  const checker = prog.getTypeChecker();
  const found: string[] = [];
  const isWrite = (symbol: ts.Symbol | undefined): string | null => {
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const decl = target?.getDeclarations()?.find((d) => methods.declarations.has(d));
    if (!decl) return null;
    const owner = ts.isInterfaceDeclaration(decl.parent) ? decl.parent.name.text : '?';
    return `${owner}.${target?.getName()}`;
  };
  for (const file of files) {
    const sf = prog.getSourceFile(file);
    if (!sf) throw new Error(`${file} not in the program`);
    const visit = (node: ts.Node): void => {
      // A call (`repo.install(…)`) or a method taken as a value (`const save = repo.save`).
      if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        const key = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
        const hit = isWrite(checker.getSymbolAtLocation(key));
        if (hit) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          found.push(`${relative(ROOT, file)}:${line + 1} ${hit}`);
        }
      }
      // `const { install } = repo`
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const key = node.propertyName ?? node.name;
        const name = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : '';
        const hit = isWrite(checker.getTypeAtLocation(node.parent).getProperty(name));
        if (hit) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          found.push(`${relative(ROOT, file)}:${line + 1} ${hit}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('src/bot makes no repository writes', () => {
  const files = tsFiles(join(ROOT, 'src/bot'));
  // A file outside src/bot that writes through the ports in the shapes the check looks for.
  const probe = join(ROOT, 'test/architecture/fixtures/bot-writes-probe.ts');
  const prog = program([...files, probe]);
  const methods = repositoryWrites(prog);

  it('knows the write methods of every repository port (derived from src/app/ports/store.ts)', () => {
    // The derivation itself: a few writes and reads every store has, so an empty list cannot pass.
    expect(methods.writes.get('WorkspaceRepository')).toContain('install');
    for (const write of ['bookSlot', 'cancel', 'reschedule'])
      expect(methods.writes.get('BookingRepository')).toContain(write);
    expect(methods.writes.get('PersonRepository')).toContain('upsertByIdentity');
    expect(methods.reads).toContain('WorkspaceRepository.findByExternalId');
    expect(methods.writes.get('WorkspaceRepository')).not.toContain('findByExternalId');
    const total = [...methods.writes.values()].reduce((n, s) => n + s.size, 0);
    expect(total).toBeGreaterThan(30);
  });

  it('no file under src/bot calls a write method of a repository port', () => {
    expect(writeCalls(prog, files, methods)).toEqual([]);
  });

  it('the check sees a write through any receiver (checked on a file that makes some)', () => {
    const found = writeCalls(prog, [probe], methods);
    expect(found.map((f) => f.replace(/^.*:\d+ /, ''))).toEqual([
      'WorkspaceRepository.install',
      'PersonRepository.upsertByIdentity',
      'PreferencesRepository.set',
      'WorkspaceRepository.install',
    ]);
  });
});
