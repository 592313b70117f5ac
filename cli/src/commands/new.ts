// `mockforge-plugin new`: scaffold a plugin project from templates/<lang>-<kind>.
import * as path from 'node:path';
import { freeLoopbackPort } from '../scaffold/free-port';
import { parseArgs } from 'node:util';
import { Command, UsageError } from '../command';
import { LANGUAGES } from '../scaffold/catalog';
import { ScaffoldError, nameFromId, scaffold } from '../scaffold/scaffold';
import { PLUGIN_KINDS } from '../../../host/src/contract/operations';

const usage = `Usage: mockforge-plugin new <dir> --lang <${LANGUAGES.join('|')}> --type <${PLUGIN_KINDS.join('|')}> [--id ID] [--name NAME] [--force]

Creates a plugin project in <dir> from a template: plugin.yaml, a working sample, README, saved requests in
.mockforge/requests/ and the SDK it builds against (copied in, so it builds offline).

Options:
  --lang LANG    language of the plugin
  --type KIND    what the plugin does: auth, template, response or datasource
  --id ID        plugin id (^[a-z][a-z0-9-]*$); default: the directory's name
  --name NAME    display name; default: derived from the id
  --force        add the template to a non-empty directory; existing files are kept (the template's version is
                 written beside them as <file>.mockforge-new)`;

export const newCommand: Command = {
  name: 'new',
  summary: 'Scaffold a plugin project from a template',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        type: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one target directory');
    if (!values.lang) throw new UsageError(`--lang is required (${LANGUAGES.join(', ')})`);
    if (!(LANGUAGES as readonly string[]).includes(values.lang)) throw new UsageError(`unknown --lang "${values.lang}": use one of ${LANGUAGES.join(', ')}`);
    if (!values.type) throw new UsageError(`--type is required (${PLUGIN_KINDS.join(', ')})`);
    if (!(PLUGIN_KINDS as readonly string[]).includes(values.type)) throw new UsageError(`unknown --type "${values.type}": use one of ${PLUGIN_KINDS.join(', ')}`);
    const dir = path.resolve(positionals[0]);
    const id = values.id ?? path.basename(dir);
    if (!values.id && !/^[a-z][a-z0-9-]*$/.test(id)) {
      throw new UsageError(`the directory name "${id}" is not a valid plugin id: pass --id (lowercase letters, digits and dashes, starting with a letter)`);
    }
    let result;
    try {
      // Remote templates' dev services listen on __PORT__: a port free now, so projects made side by side don't collide.
      const port = String(await freeLoopbackPort());
      result = scaffold({ dir, lang: values.lang, kind: values.type, id, name: values.name ?? nameFromId(id), force: values.force, values: { __PORT__: port } });
    } catch (err) {
      if (err instanceof ScaffoldError) throw new UsageError(err.message);
      throw err;
    }
    const rel = path.relative(process.cwd(), dir);
    const shown = rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
    const out = process.stdout;
    out.write(`Created ${values.lang} ${values.type} plugin "${id}" in ${shown} (${result.created.length} files)\n`);
    for (const k of result.kept) out.write(`  kept your ${k.file}; the template's version is in ${k.alternative}\n`);
    const first = result.template.meta.firstRun;
    const quoted = /\s/.test(shown) ? JSON.stringify(shown) : shown;
    out.write('\nNext:\n');
    out.write(`  cd ${quoted}\n`);
    if (result.template.meta.build !== false) out.write('  mockforge-plugin build\n');
    if (first) out.write(`  mockforge-plugin run . --request ${first.request}\n`);
    out.write('  mockforge-plugin test\n');
    return 0;
  },
};
